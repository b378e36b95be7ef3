import { TRIAGE_DECISIONS } from '@workwell/domain';
import { Code, Flag, FreeText, Identifier, Instant, Nested } from '../http/request.decorators';

export class EligibilityRequest {
  @Flag({ description: 'Aged 16 to 65.' }) workingAge!: boolean;
  @Flag() healthConditionOrDisability!: boolean;
  @Flag() inWorkOrRecentlyOutOfWork!: boolean;
  @Flag() livesOrRegisteredWithGpInArea!: boolean;
}

export class TriageReferralRequest {
  @Instant() occurredAt!: string;
  @Code(TRIAGE_DECISIONS) decision!: string;
  @Nested(() => EligibilityRequest) eligibility!: EligibilityRequest;
  @FreeText({ optional: true, description: 'Why, in words.' }) reason?: string;
  @Identifier({ optional: true, description: 'Required when accepted: the coach who takes the participant on.' }) assignedCoachId?: string;
}
