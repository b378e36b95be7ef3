import { Module } from '@nestjs/common';
import { ConsentReceiptController } from '../consent-receipt/consent-receipt.controller';
import { SubjectAccessController } from './subject-access.controller';

/** What participants may ask of the service about their own data: subject access, consent receipts. */
@Module({ controllers: [SubjectAccessController, ConsentReceiptController] })
export class ParticipantRightsModule {}
