import type { ConsentScope, RecipientKind, SharingBlockedCode } from './sharing.events';
import type { ConsentRecord, Journey } from './journey.state';
import type { JourneyEvent } from './journey.events';

export type ConsentStatus =
  | { readonly active: true; readonly givenVersion: number }
  | { readonly active: false; readonly reasonCode: Exclude<SharingBlockedCode, 'CONSENT_REQUIRED'> };

/**
 * Whether consent for `scope` was in force at `at` (epoch millis). Among the consent events for
 * the scope that had happened by then, the latest decides: a gift not yet expired, or not. A
 * withdrawal recorded later with an earlier business time changes the answer only from its own
 * moment on, so past sharings stay lawful as they were.
 */
export const consentStatusAt = (consents: readonly ConsentRecord[], scope: string, at: number): ConsentStatus => {
  let latest: ConsentRecord | null = null;
  for (const record of consents) {
    if (record.scope !== scope || record.at > at) continue;
    if (latest === null || record.at > latest.at || (record.at === latest.at && record.version > latest.version)) latest = record;
  }
  if (latest === null) return { active: false, reasonCode: 'CONSENT_NOT_GIVEN' };
  if (!latest.given) return { active: false, reasonCode: 'CONSENT_WITHDRAWN' };
  if (latest.expiresAt !== null && latest.expiresAt <= at) return { active: false, reasonCode: 'CONSENT_EXPIRED' };
  return { active: true, givenVersion: latest.version };
};

export const isConsentActiveAt = (journey: Journey, scope: ConsentScope, at: number): boolean =>
  consentStatusAt(journey.consents, scope, at).active;

/** The consent scope that covers sharing with each kind of recipient (none covers `other`). */
export const CONSENT_SCOPE_FOR_RECIPIENT: Readonly<Record<RecipientKind, ConsentScope | null>> = {
  gp: 'share-with-gp',
  referrer: 'share-with-referrer',
  'onward-service': 'share-with-onward-service',
  employer: 'employer-liaison',
  'jobcentre-work-coach': 'share-with-jobcentre-work-coach',
  evaluator: 'evaluation-data-linkage',
  other: null,
};

/** Recipients for whom consent is the only lawful basis: the participant decides what their employer and work coach hear. */
export const CONSENT_ONLY_RECIPIENTS: readonly RecipientKind[] = ['employer', 'jobcentre-work-coach'];

const SCOPE_WORDS: Readonly<Record<ConsentScope, string>> = {
  'programme-participation': 'taking part in the programme',
  'employer-liaison': 'talking to their employer',
  'share-with-gp': 'sharing with their GP',
  'share-with-referrer': 'sharing with whoever referred them',
  'share-with-onward-service': 'sharing with services they are referred on to',
  'share-with-jobcentre-work-coach': 'sharing progress with their Jobcentre work coach',
  'evaluation-data-linkage': 'linking their data for the evaluation',
  'sms-contact': 'contact by text message',
};

export const scopeInWords = (scope: string): string => SCOPE_WORDS[scope as ConsentScope] ?? scope;

export const blockedSentence = (code: SharingBlockedCode, scope: string | null): string => {
  const what = scope === null ? 'this sharing' : scopeInWords(scope);
  switch (code) {
    case 'CONSENT_NOT_GIVEN':
      return `Nothing was shared: the participant had not given consent for ${what} at that time. The attempt has been recorded.`;
    case 'CONSENT_WITHDRAWN':
      return `Nothing was shared: the participant had withdrawn their consent for ${what} before then. The attempt has been recorded.`;
    case 'CONSENT_EXPIRED':
      return `Nothing was shared: the participant's consent for ${what} had expired by then. The attempt has been recorded.`;
    case 'CONSENT_REQUIRED':
      return `Nothing was shared: ${what} needs the participant's own consent, whatever other lawful basis applies. The attempt has been recorded.`;
  }
};

export interface SharingRefusal {
  readonly code: SharingBlockedCode;
  readonly reason: string;
}

/** Why `decide` blocked a sharing, or null when it did not: the API answers 422 with this and still stores the events. */
export const blockedReason = (events: readonly JourneyEvent[]): SharingRefusal | null => {
  const blocked = events.find((event) => event.type === 'DataSharingBlocked');
  return blocked?.type === 'DataSharingBlocked' ? { code: blocked.data.reasonCode, reason: blocked.data.reason } : null;
};
