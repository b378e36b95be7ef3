import { anyObject, arrayOf, instant, integer, nullable, object, position, text, type SchemaMap } from '../http/openapi.schemas';

/** The auditors' answers, as published in /openapi.json. */
export const auditSchemas: SchemaMap = {
  ParticipantTrace: object({
    participantId: text(undefined, { format: 'uuid' }),
    siteId: nullable(text()),
    position: position('The read models position the trace reflects.'),
    entries: arrayOf(
      object({
        at: instant('When it happened, or when the read took place.'),
        recordedAt: instant(),
        kind: text(undefined, {
          enum: ['consent-given', 'consent-withdrawn', 'data-shared', 'sharing-blocked', 'personal-data-read', 'erasure'],
        }),
        version: nullable(integer()),
        position: nullable(position()),
        by: object({ userId: text(), role: text(), site: nullable(text()) }, { optional: ['site'] }),
        details: anyObject('Scope, method, recipient, lawful basis, consent relied on: by kind. Never personal data.'),
      }),
    ),
  }),
  AuditFindings: object({
    siteId: nullable(text()),
    findings: arrayOf(
      object({
        kind: text(undefined, {
          enum: [
            'sharing-after-late-withdrawal',
            'sharing-without-active-consent',
            'sharing-without-lawful-basis',
            'consent-without-evidence',
            'read-by-unexpected-role',
          ],
        }),
        participantId: text(undefined, { format: 'uuid' }),
        siteId: nullable(text()),
        sentence: text(),
        events: arrayOf(integer(), 'Stream versions of the events behind it.'),
        trace: text('Where an auditor reads the whole story.'),
        at: instant(),
      }),
    ),
  }),
  ExtractSharings: object({
    extracts: arrayOf(
      object({
        occurredAt: instant(),
        recordedAt: instant(),
        recipient: text(),
        agreementReference: text(),
        dataset: text(),
        asOf: instant(),
        lastPosition: position(),
        siteId: nullable(text()),
        rows: integer(undefined, { minimum: 0 }),
        manifestSha256: text(),
        version: integer(),
        position: position(),
      }),
    ),
  }),
};
