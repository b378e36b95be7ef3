import {
  anyObject,
  arrayOf,
  date,
  flag,
  instant,
  integer,
  mapOf,
  nullable,
  object,
  nullableOneOf,
  position,
  ref,
  text,
  type SchemaMap,
} from '../http/openapi.schemas';

const consent = object({ given: flag(), since: instant(), expiresAt: nullable(instant()) });

/** The answers of the participant reads, as published in /openapi.json. */
export const participantSchemas: SchemaMap = {
  PersonalDetails: object(
    {
      name: text(),
      dateOfBirth: date(),
      nhsNumber: text(),
      postcode: text(),
      phone: text(),
      email: text(undefined, { format: 'email' }),
    },
    { optional: ['phone', 'email'], description: 'Opened from its sealed form for this read; the read is logged.' },
  ),
  ParticipantSummary: object(
    {
      participantId: text(undefined, { format: 'uuid' }),
      siteId: nullable(text()),
      coachId: nullable(text()),
      stage: text('awaiting-triage, not-accepted, accepted, assessed, started or discharged.'),
      open: flag(),
      referredAt: nullable(instant()),
      daysSinceReferral: nullable(integer()),
      nextAction: nullable(text()),
      nextDueOn: nullable(date()),
      overdue: arrayOf(ref('FollowUp')),
      followUps: arrayOf(ref('FollowUp')),
      sessionsHeld: integer(undefined, { minimum: 0 }),
      consents: mapOf(consent, 'By consent scope.'),
      personalDetails: nullableOneOf(ref('PersonalDetails'), ref('ErasedPersonalData')),
      version: integer('The stream version this summary reflects (also the ETag).', { minimum: 1 }),
      position: position('Where the read models stood.'),
    },
    { description: "A participant's journey summary." },
  ),
  TimelineEntry: object({
    version: integer(undefined, { minimum: 1 }),
    type: text('The event type, e.g. ReferralTriaged.'),
    occurredAt: instant(),
    recordedAt: instant(),
    recordedBy: mapOf(text(), 'userId, role, organisation and site of who recorded it.'),
    retracted: flag('A later correction retracted it.'),
    data: anyObject('The event data, personal fields opened (or { erased: true }).'),
  }),
  Timeline: object({
    participantId: text(undefined, { format: 'uuid' }),
    version: integer(undefined, { minimum: 1 }),
    position: position(),
    events: arrayOf(ref('TimelineEntry')),
  }),
};
