import { DISCHARGE_REASONS } from '@workwell/domain';
import { Code, FreeText, Instant, WholeNumber } from '../http/request.decorators';

export class DischargeRequest {
  @Instant() occurredAt!: string;
  @Code(DISCHARGE_REASONS) reason!: string;
  @WholeNumber(1, 5, { optional: true, description: "The participant's rating of the service, when given." }) satisfaction?: number;
}

export class ReEngageRequest {
  @Instant() occurredAt!: string;
  @FreeText({ optional: true }) reason?: string;
}
