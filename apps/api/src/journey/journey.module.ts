import { Module } from '@nestjs/common';
import { ActionPlanController } from '../action-plan/action-plan.controller';
import { CompleteAssessmentController } from '../complete-assessment/complete-assessment.controller';
import { ConsentController } from '../consent/consent.controller';
import { CorrectEventController } from '../correct-event/correct-event.controller';
import { DischargeController } from '../discharge/discharge.controller';
import { EmployerLiaisonController } from '../employer-liaison/employer-liaison.controller';
import { EraseParticipantController } from '../erase-participant/erase-participant.controller';
import { OnwardReferralController } from '../onward-referral/onward-referral.controller';
import { RecordContactController } from '../record-contact/record-contact.controller';
import { RecordOutcomeController } from '../record-outcome/record-outcome.controller';
import { RecordSessionController } from '../record-session/record-session.controller';
import { ReferParticipantController } from '../refer-participant/refer-participant.controller';
import { ShareDataController } from '../share-data/share-data.controller';
import { TriageReferralController } from '../triage-referral/triage-referral.controller';
import { JourneyHttpAdapter } from './journey-http.adapter';
import { RecordJourneyHandler } from './record-journey.handler';

/** Every journey command over HTTP: one controller per use case, one handler for them all. */
@Module({
  controllers: [
    ReferParticipantController,
    TriageReferralController,
    RecordContactController,
    ConsentController,
    CompleteAssessmentController,
    ActionPlanController,
    RecordSessionController,
    OnwardReferralController,
    EmployerLiaisonController,
    ShareDataController,
    RecordOutcomeController,
    DischargeController,
    CorrectEventController,
    EraseParticipantController,
  ],
  providers: [JourneyHttpAdapter, RecordJourneyHandler],
})
export class JourneyModule {}
