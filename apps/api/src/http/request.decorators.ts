import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { canonicalParticipantId, isIsoDate, isIsoInstant, type CodeList } from '@workwell/domain';

const identifier = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** Control characters: PostgreSQL cannot store U+0000 in text or JSON, and none belongs in a name shown in clear. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Business dates of this service fall in these years; outside them a date is a typing error (and year 0 is not 1900). */
const yearInRange = (text: string): boolean => {
  const year = Number(text.slice(0, 4));
  return year >= 1900 && year <= 2999;
};

/** A real instant: the format, a day that exists, an hour, minute and offset in range. */
export const isRealInstant = (value: unknown): boolean =>
  typeof value === 'string' && isoInstant.test(value) && yearInRange(value) && isIsoInstant(value);

export const isRealDate = (value: unknown): boolean =>
  typeof value === 'string' && isoDate.test(value) && yearInRange(value) && isIsoDate(value);

type Optional = { optional?: boolean; description?: string };

const property = (options: Record<string, unknown>, optional?: boolean) => (optional ? ApiPropertyOptional(options) : ApiProperty(options));
/** An optional field may be absent or null; both mean "not given", and the handlers treat them alike. */
const maybe = (optional?: boolean) => (optional ? [IsOptional()] : []);

/** A code from the current version of a code list; the API stores it with the list's name and version. */
export const Code = (list: CodeList, options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    IsIn([...list.codes], { message: `$property must be one of ${list.codes.join(', ')} (code list ${list.list} ${list.version})` }),
    property(
      {
        type: 'string',
        enum: [...list.codes],
        description: options.description ?? `Code list ${list.list}, version ${list.version}.`,
        example: list.codes[0],
      },
      options.optional,
    ),
  );

export const Codes = (list: CodeList, options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsArray(),
    ArrayMaxSize(20),
    IsIn([...list.codes], {
      each: true,
      message: `each of $property must be one of ${list.codes.join(', ')} (code list ${list.list} ${list.version})`,
    }),
    property(
      {
        type: 'array',
        maxItems: 20,
        items: { type: 'string', enum: [...list.codes] },
        description: options.description ?? `Codes from ${list.list} ${list.version}.`,
      },
      options.optional,
    ),
  );

/** Business time: when it happened, with a time zone (ISO 8601), and a moment that exists. */
export const Instant = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    ValidateBy(
      { name: 'isRealInstant', validator: { validate: isRealInstant } },
      {
        message:
          '$property must be a real ISO 8601 date and time with a time zone, e.g. 2026-03-02T10:15:00Z (a day of the month that exists, hours 00-23, offsets up to ±23:59, years 1900-2999)',
      },
    ),
    property(
      {
        type: 'string',
        format: 'date-time',
        pattern: isoInstant.source,
        example: '2026-03-02T10:15:00Z',
        description: options.description ?? 'When it happened (business time).',
      },
      options.optional,
    ),
  );

export const CalendarDate = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    ValidateBy(
      { name: 'isRealDate', validator: { validate: isRealDate } },
      { message: '$property must be a real date, YYYY-MM-DD (years 1900-2999)' },
    ),
    property(
      { type: 'string', format: 'date', pattern: isoDate.source, example: '1984-07-21', description: options.description },
      options.optional,
    ),
  );

/**
 * A participant id: a UUID, folded to lower case before it is checked or used, so that no
 * spelling of one participant's id can reach another stream (see `canonicalParticipantId`).
 */
export const ParticipantId = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalParticipantId(value) : value)),
    IsString({ message: '$property must be a UUID' }),
    Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: '$property must be a UUID' }),
    property(
      { type: 'string', format: 'uuid', example: '3f1c2a9e-8b7d-4c1e-9f3a-2d5b6c7e8f90', description: options.description },
      options.optional,
    ),
  );

export const Identifier = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    Matches(identifier, { message: '$property must be 1 to 128 letters, digits or . _ : - (an id, not a name)' }),
    property(
      { type: 'string', pattern: identifier.source, maxLength: 128, example: 'coach-17', description: options.description },
      options.optional,
    ),
  );

/** Free text: personal data by rule, sealed with the participant's key before it is recorded. */
export const FreeText = (options: Optional & { max?: number } = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    MaxLength(options.max ?? 2000),
    property(
      {
        type: 'string',
        maxLength: options.max ?? 2000,
        description: `${options.description ?? 'Free text.'} Encrypted with the participant's key; never stored in clear.`,
      },
      options.optional,
    ),
  );

/** A short line of text without control characters: a name, an organisation. */
export const PlainText = (options: Optional & { min?: number; max: number; example?: string }) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    ValidateBy(
      {
        name: 'isPlainText',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' &&
            value.trim().length >= (options.min ?? 1) &&
            value.length <= options.max &&
            !controlCharacter.test(value),
        },
      },
      { message: `$property must be ${options.min ?? 1} to ${options.max} characters, without control characters` },
    ),
    property(
      { type: 'string', minLength: options.min ?? 1, maxLength: options.max, example: options.example, description: options.description },
      options.optional,
    ),
  );

export const Flag = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsBoolean(),
    property({ type: 'boolean', description: options.description }, options.optional),
  );

export const WholeNumber = (min: number, max: number, options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsInt(),
    Min(min),
    Max(max),
    property({ type: 'integer', minimum: min, maximum: max, description: options.description }, options.optional),
  );

/**
 * A nested object (or an array of them), checked to be one before its fields are: `[]` where
 * an object belongs, an object where an array belongs, or null, is a 400 naming the field.
 */
export const Nested = (type: () => new () => object, options: Optional & { array?: boolean; max?: number; nullable?: boolean } = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    ...(options.array
      ? [
          IsArray({ message: '$property must be an array' }),
          ArrayMaxSize(options.max ?? 20),
          IsObject({ each: true, message: 'each of $property must be an object' }),
        ]
      : [IsObject({ message: '$property must be an object' })]),
    ValidateNested({ each: options.array ?? false }),
    Type(type),
    // A lazy type named `type`: how @nestjs/swagger tells a type resolver from a class, and so emits a real $ref.
    property(
      {
        type: () => type(),
        isArray: options.array ?? false,
        ...(options.array ? { maxItems: options.max ?? 20 } : {}),
        ...(options.nullable ? { nullable: true } : {}),
        description: options.description,
      },
      options.optional,
    ),
  );
