import { DATA_CATEGORIES, LAWFUL_BASES, RECIPIENT_KINDS, SHARING_PURPOSES } from '@workwell/domain';
import { Code, Codes, Identifier, Instant, Nested } from '../http/request.decorators';

export class RecipientRequest {
  @Code(RECIPIENT_KINDS) kind!: string;
  @Identifier({ description: 'Organisation or service id (pseudonymous for employers).' }) reference!: string;
}

export class ShareDataRequest {
  @Instant() occurredAt!: string;
  @Identifier({ optional: true, description: 'Generated when absent.' }) sharingId?: string;
  @Nested(() => RecipientRequest) recipient!: RecipientRequest;
  @Code(SHARING_PURPOSES) purpose!: string;
  @Codes(DATA_CATEGORIES) dataCategories!: string[];
  @Code(LAWFUL_BASES) lawfulBasis!: string;
}
