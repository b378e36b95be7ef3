import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** Response schemas are written here as data (the answers are plain objects, not classes) and published as named components. */
export type { ReferenceObject, SchemaObject };
export type Schema = SchemaObject | ReferenceObject;
export type SchemaMap = Readonly<Record<string, SchemaObject>>;

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** Every property is required unless named in `optional`: answers always carry their fields, with null for "none". */
export const object = (properties: Record<string, Schema>, options: { optional?: string[]; description?: string } = {}): SchemaObject => ({
  type: 'object',
  ...(options.description ? { description: options.description } : {}),
  required: Object.keys(properties).filter((name) => !(options.optional ?? []).includes(name)),
  properties,
});

export const text = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  ...extra,
  ...(description ? { description } : {}),
});
export const instant = (description?: string): SchemaObject => text(description, { format: 'date-time' });
export const date = (description?: string): SchemaObject => text(description, { format: 'date' });
export const integer = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'integer',
  ...extra,
  ...(description ? { description } : {}),
});
export const position = (description = 'A global position in the event store.'): SchemaObject =>
  integer(description, { format: 'int64', minimum: 0 });
export const number = (description?: string): SchemaObject => ({ type: 'number', ...(description ? { description } : {}) });
export const flag = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
export const arrayOf = (items: Schema, description?: string): SchemaObject => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
/** Counts or values keyed by a code. */
export const mapOf = (values: Schema, description?: string): SchemaObject => ({
  type: 'object',
  additionalProperties: values,
  ...(description ? { description } : {}),
});
/** Free-form data: the fields differ by event type or kind (see the domain's event catalogue). */
export const anyObject = (description: string): SchemaObject => ({ type: 'object', additionalProperties: true, description });

/** The schema or null; a referenced object keeps the `type` that OpenAPI 3.0 wants beside `nullable`. */
export const nullable = (schema: Schema): SchemaObject =>
  '$ref' in schema ? { type: 'object', nullable: true, allOf: [schema] } : { ...schema, nullable: true };

export const oneOfSchemas = (...schemas: Schema[]): SchemaObject => ({ oneOf: schemas });

/** Either of two objects, or null (OpenAPI 3.0 wants a `type` beside `nullable`). */
export const nullableOneOf = (...schemas: Schema[]): SchemaObject => ({ type: 'object', nullable: true, oneOf: schemas });

/** Shapes shared by answers all over the API. */
export const commonSchemas: SchemaMap = {
  FieldError: object({
    field: text('The dotted path of the field in the body or query, e.g. personalDetails.nhsNumber.'),
    message: text('What is wrong with it; several reasons are joined with "; ".'),
  }),
  Problem: {
    ...object(
      {
        type: text('A stable URN per code, e.g. urn:workwell:problem:invalid-request.'),
        title: text(),
        status: integer('The HTTP status.', { minimum: 400, maximum: 599 }),
        detail: text('A sentence for the person at the keyboard.'),
        code: text('Stable: switch on this, never on the detail.'),
        instance: text('The path asked for.'),
        errors: arrayOf(ref('FieldError'), 'Each invalid field once (400 INVALID_REQUEST and 422 INVALID_SITE_CONFIGURATION only).'),
      },
      {
        optional: ['instance', 'errors'],
        description: 'RFC 9457 problem details. Some codes add members (currentVersion, reasonCode, ...).',
      },
    ),
    additionalProperties: true,
  },
  RecordedEvent: object({
    type: text('The event type, e.g. ReferralTriaged.'),
    version: integer('Its version in the participant stream.', { minimum: 1 }),
    position: position(),
    eventId: text(),
  }),
  Recorded: object(
    {
      participantId: text(undefined, { format: 'uuid' }),
      version: integer('The stream version after the write; also the ETag W/"<version>".', { minimum: 1 }),
      position: position('Global position of the last event: read models that reached it include this write.'),
      recorded: arrayOf(ref('RecordedEvent')),
      erasure: object(
        {
          keyDestroyedAt: text(undefined, { format: 'date-time' }),
          unreadableEverywhereBy: text(
            'Every process that heard the erasure dropped the key when it committed; one that missed the notification stops using its cached copy by then.',
            { format: 'date-time' },
          ),
        },
        { description: 'Only on an erasure: when the key was destroyed and by when no process can read the personal data.' },
      ),
    },
    { description: 'What a journey write recorded.', optional: ['erasure'] },
  ),
  ErasedPersonalData: object({ erased: { type: 'boolean', enum: [true] } }, { description: 'Stands for personal data after erasure.' }),
  Ratio: object({
    count: integer(undefined, { minimum: 0 }),
    of: integer(undefined, { minimum: 0 }),
    rate: nullable(number('count / of; null when of is 0.')),
  }),
  FollowUp: object({
    kind: text('first-contact, signed-plan or checkpoint.'),
    checkpoint: nullable(text()),
    dueOn: date(),
    status: text('due, overdue, done or lost-to-follow-up.'),
    daysOverdue: integer(undefined, { minimum: 0 }),
    lostToFollowUp: flag(),
  }),
  ReplayBasis: object(
    {
      asOf: text('The as-of point asked for: an instant, or `position <n>`.'),
      asOfBasis: text('recorded-time or position.', { enum: ['recorded-time', 'position'] }),
      judgedAt: instant('The instant lost to follow-up, service standards and censoring were judged at.'),
      lastPosition: position('The last event position included.'),
      siteId: nullable(text()),
      participants: integer(undefined, { minimum: 0 }),
      episodes: integer(undefined, { minimum: 0 }),
      eventsRead: integer(undefined, { minimum: 0 }),
      warnings: arrayOf(text(), 'Present when the figures deserve a word, e.g. when the as-of point holds no events.'),
    },
    { optional: ['warnings'], description: 'What a replay was computed from.' },
  ),
};
