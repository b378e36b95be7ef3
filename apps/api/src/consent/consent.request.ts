import { CONSENT_METHODS, CONSENT_SCOPES } from '@workwell/domain';
import { Code, FreeText, Identifier, Instant } from '../http/request.decorators';

export class GiveConsentRequest {
  @Instant() occurredAt!: string;
  @Code(CONSENT_SCOPES) scope!: string;
  @Code(CONSENT_METHODS) method!: string;

  @Identifier({ optional: true, description: 'Where the signed form or recording is kept: a document id, never words about the person.' })
  evidenceReference?: string;

  @Instant({ optional: true, description: 'When the consent lapses, if it does.' }) expiresAt?: string;
}

export class WithdrawConsentRequest {
  @Instant() occurredAt!: string;
  @Code(CONSENT_SCOPES) scope!: string;
  @Code(CONSENT_METHODS) method!: string;
  @FreeText({ optional: true }) reason?: string;
}
