import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { canonicalParticipantId, type CodeList } from '@workwell/domain';

const identifier = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

type Optional = { optional?: boolean; description?: string };

const property = (options: Record<string, unknown>, optional?: boolean) => (optional ? ApiPropertyOptional(options) : ApiProperty(options));
const maybe = (optional?: boolean) => (optional ? [IsOptional()] : []);

/** A code from the current version of a code list; the API stores it with the list's name and version. */
export const Code = (list: CodeList, options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    IsIn([...list.codes], { message: `$property must be one of ${list.codes.join(', ')} (code list ${list.list} ${list.version})` }),
    property(
      {
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
        items: { type: 'string', enum: [...list.codes] },
        description: options.description ?? `Codes from ${list.list} ${list.version}.`,
      },
      options.optional,
    ),
  );

/** Business time: when it happened, with a time zone (ISO 8601). */
export const Instant = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsString(),
    Matches(isoInstant, { message: '$property must be an ISO 8601 date and time with a time zone, e.g. 2026-03-02T10:15:00Z' }),
    property(
      {
        type: 'string',
        format: 'date-time',
        example: '2026-03-02T10:15:00Z',
        description: options.description ?? 'When it happened (business time).',
      },
      options.optional,
    ),
  );

export const CalendarDate = (options: Optional = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    IsISO8601({ strict: true }, { message: '$property must be a date, YYYY-MM-DD' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' }),
    property({ type: 'string', format: 'date', example: '1984-07-21', description: options.description }, options.optional),
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
    property({ type: 'string', example: 'coach-17', description: options.description }, options.optional),
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

export const Nested = (type: () => new () => object, options: Optional & { array?: boolean; max?: number } = {}) =>
  applyDecorators(
    ...maybe(options.optional),
    ...(options.array ? [IsArray(), ArrayMaxSize(options.max ?? 20)] : []),
    ValidateNested({ each: options.array ?? false }),
    Type(type),
    property({ type, isArray: options.array ?? false, description: options.description }, options.optional),
  );
