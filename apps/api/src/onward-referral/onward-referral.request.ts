import { DATA_CATEGORIES, LAWFUL_BASES, ONWARD_REFERRAL_OUTCOMES, ONWARD_SERVICES } from '@workwell/domain';
import { Code, Codes, Identifier, Instant, Nested } from '../http/request.decorators';

export class SharedWithServiceRequest {
  @Codes(DATA_CATEGORIES) dataCategories!: string[];
  @Code(LAWFUL_BASES) lawfulBasis!: string;
}

export class MakeOnwardReferralRequest {
  @Instant() occurredAt!: string;
  @Identifier({ optional: true, description: 'Generated when absent.' }) onwardReferralId?: string;
  @Code(ONWARD_SERVICES) service!: string;
  @Nested(() => SharedWithServiceRequest, {
    optional: true,
    nullable: true,
    description: 'What is sent to the service; absent when nothing is.',
  })
  dataShared?: SharedWithServiceRequest | null;
}

export class OnwardReferralOutcomeRequest {
  @Instant() occurredAt!: string;
  @Code(ONWARD_REFERRAL_OUTCOMES) outcome!: string;
}
