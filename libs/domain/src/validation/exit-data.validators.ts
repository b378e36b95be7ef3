import * as lists from '../code-lists';
import { JOURNEY_EVENT_TYPES } from '../journey/journey.events';
import type { ConsentGivenData, DataSharedData } from '../journey/sharing.events';
import { toMillis } from '../shared/iso-time.values';
import {
  array,
  boolean,
  coded,
  fail,
  identifier,
  instant,
  integer,
  literal,
  number,
  object,
  occurredAt,
  refine,
  sealed,
  type Validator,
} from './field.validators';
import { measure } from './measure.validators';

export const giveConsentData: Validator = refine<ConsentGivenData>(
  object(
    { occurredAt, scope: coded(lists.CONSENT_SCOPES), method: coded(lists.CONSENT_METHODS) },
    { evidenceReference: identifier, expiresAt: instant },
  ),
  (value, path, context) => {
    if (value.expiresAt && toMillis(value.expiresAt) <= toMillis(value.occurredAt))
      fail(context, `${path}.expiresAt`, 'must be after the consent was given');
  },
);

export const withdrawConsentData: Validator = object(
  { occurredAt, scope: coded(lists.CONSENT_SCOPES), method: coded(lists.CONSENT_METHODS) },
  { reason: sealed },
);

export const recordEmployerLiaisonData: Validator = object(
  {
    occurredAt,
    liaisonId: identifier,
    employerId: identifier,
    topic: coded(lists.LIAISON_TOPICS),
    dataCategories: array(coded(lists.DATA_CATEGORIES), { min: 1, max: 20 }),
  },
  { notes: sealed },
);

export const shareDataData: Validator = refine<DataSharedData>(
  object({
    occurredAt,
    sharingId: identifier,
    recipient: object({ kind: coded(lists.RECIPIENT_KINDS), reference: identifier }),
    purpose: coded(lists.SHARING_PURPOSES),
    dataCategories: array(coded(lists.DATA_CATEGORIES), { min: 1, max: 20 }),
    lawfulBasis: coded(lists.LAWFUL_BASES),
  }),
  (value, path, context) => {
    if (value.lawfulBasis.code === 'consent' && value.recipient.kind.code === 'other') {
      fail(context, `${path}.lawfulBasis`, 'cannot be consent for an "other" recipient: no consent scope covers it');
    }
  },
);

const reachedResult = object(
  { reached: literal(true), employmentStatus: coded(lists.OUTCOME_EMPLOYMENT_STATUSES), source: coded(lists.OUTCOME_SOURCES) },
  { hoursPerWeek: number(0, 100), wellbeing: measure },
);
const notReachedResult = object({ reached: literal(false), attempts: integer(1, 50) });

export const recordOutcomeData: Validator = object({
  occurredAt,
  checkpoint: coded(lists.CHECKPOINTS),
  result: (value, path, context) => {
    const reached = (value as { reached?: unknown } | null)?.reached;
    if (reached === true) reachedResult(value, path, context);
    else if (reached === false) notReachedResult(value, path, context);
    else boolean(reached, `${path}.reached`, context);
  },
});

export const dischargeParticipantData: Validator = object(
  { occurredAt, reason: coded(lists.DISCHARGE_REASONS) },
  { satisfaction: integer(1, 5) },
);

export const reEngageParticipantData: Validator = object({ occurredAt }, { reason: sealed });

export const correctEventData: Validator = object(
  {
    occurredAt,
    correctedVersion: integer(1, Number.MAX_SAFE_INTEGER),
    correctedType: literal(...JOURNEY_EVENT_TYPES),
    reasonCode: coded(lists.CORRECTION_REASONS),
  },
  { reason: sealed },
);

export const eraseParticipantData: Validator = object({ occurredAt, reasonCode: coded(lists.ERASURE_REASONS) });
