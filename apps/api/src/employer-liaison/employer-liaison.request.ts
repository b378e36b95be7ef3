import { DATA_CATEGORIES, LIAISON_TOPICS } from '@workwell/domain';
import { Code, Codes, FreeText, Identifier, Instant } from '../http/request.decorators';

export class EmployerLiaisonRequest {
  @Instant() occurredAt!: string;
  @Identifier({ optional: true, description: 'Generated when absent.' }) liaisonId?: string;
  @Identifier({ description: "The employer's pseudonymous id, never its name." }) employerId!: string;
  @Code(LIAISON_TOPICS) topic!: string;
  @Codes(DATA_CATEGORIES, { description: 'What was discussed or sent.' }) dataCategories!: string[];
  @FreeText({ optional: true }) notes?: string;
}
