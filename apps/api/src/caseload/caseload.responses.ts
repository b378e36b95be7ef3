import {
  anyObject,
  arrayOf,
  date,
  instant,
  integer,
  nullable,
  object,
  oneOfSchemas,
  position,
  ref,
  text,
  type SchemaMap,
} from '../http/openapi.schemas';

const overdueItem = object({ kind: text(), checkpoint: nullable(text()), dueOn: date(), daysOverdue: integer(undefined, { minimum: 0 }) });

export const caseloadSchemas: SchemaMap = {
  CaseloadItem: object({
    participantId: text(undefined, { format: 'uuid' }),
    name: oneOfSchemas(nullable(text('The name, opened for this read (logged).')), ref('ErasedPersonalData')),
    coachId: nullable(text()),
    stage: text(),
    referredAt: nullable(instant()),
    daysSinceReferral: nullable(integer()),
    nextAction: nullable(text()),
    nextDueOn: nullable(date()),
    overdue: arrayOf(overdueItem),
    sessionsHeld: integer(undefined, { minimum: 0 }),
    consents: anyObject('Consents by scope.'),
    version: integer(undefined, { minimum: 1 }),
  }),
  Caseload: object({
    siteId: text(),
    page: integer(undefined, { minimum: 1 }),
    pageSize: integer(undefined, { minimum: 1 }),
    total: integer(undefined, { minimum: 0 }),
    position: position('Where the read models stood.'),
    items: arrayOf(ref('CaseloadItem')),
  }),
};
