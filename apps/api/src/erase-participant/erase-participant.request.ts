import { ERASURE_REASONS } from '@workwell/domain';
import { Code, Instant } from '../http/request.decorators';

export class EraseParticipantRequest {
  @Instant({ description: 'When the erasure was decided.' }) occurredAt!: string;
  @Code(ERASURE_REASONS) reasonCode!: string;
}
