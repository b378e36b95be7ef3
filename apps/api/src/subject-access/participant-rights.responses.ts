import { anyObject, arrayOf, flag, instant, integer, nullable, object, ref, text, type SchemaMap } from '../http/openapi.schemas';

const coded = object({ list: text(), version: text(), code: text(), inWords: text() }, { optional: ['inWords'] });
const actor = object({ userId: text(), role: text(), organisation: text(), site: text() }, { optional: ['organisation', 'site'] });

/** The answers of the participants' rights reads, as published in /openapi.json. */
export const participantRightsSchemas: SchemaMap = {
  SubjectAccessReport: object(
    {
      participantId: text(undefined, { format: 'uuid' }),
      generatedAt: instant(),
      requestedBy: object({ userId: text(), role: text(), organisation: text() }),
      siteId: nullable(text()),
      erasure: nullable(object({ erasedAt: instant(), recordedAt: instant(), reason: text() })),
      statement: text('In words, for the person: what is held, or that it was erased and what remains.'),
      events: arrayOf(
        anyObject('One event of their stream: version, type, times, who recorded it, its data with personal fields opened or erased.'),
      ),
      readModels: anyObject('The read models’ rows about them.'),
      consentAndSharing: nullable(ref('ParticipantTrace')),
      reads: arrayOf(
        object({ at: instant(), userId: text(), role: text(), organisation: text(), purpose: text(), what: text() }),
        'Who read their personal data, when and why.',
      ),
      exports: arrayOf(anyObject('An export of their record.')),
    },
    { description: 'Everything held about a participant.' },
  ),
  ConsentReceipt: object(
    {
      receiptId: text(),
      issuedAt: instant(),
      participantId: text(undefined, { format: 'uuid' }),
      participantName: nullable(text()),
      siteId: nullable(text()),
      version: integer(undefined, { minimum: 1 }),
      action: text(undefined, { enum: ['given', 'withdrawn'] }),
      scope: coded,
      method: coded,
      occurredAt: instant(),
      recordedAt: instant(),
      recordedBy: actor,
      evidenceReference: nullable(text()),
      expiresAt: nullable(instant()),
      retracted: flag(),
      inForceNow: flag(),
      howToWithdraw: text(),
      whatWithdrawingMeans: text(),
    },
    { description: 'A record of one consent given or withdrawn that the participant can keep.' },
  ),
};
