import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { MediaTypeObject } from '@nestjs/swagger';
import { PROBLEM_CODES, PROBLEM_DESCRIPTIONS, PROBLEM_EXAMPLES, type ProblemStatus } from './problem-catalogue';
import { ref } from './openapi.schemas';

type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

/** The codes a read can answer with, by status; an endpoint adds its own. */
const READ_PROBLEMS: ProblemCodes = {
  400: ['INVALID_REQUEST', 'BAD_URL'],
  401: PROBLEM_CODES[401],
  403: ['FORBIDDEN_ROLE', 'OTHER_SITE'],
  503: PROBLEM_CODES[503],
};

const WRITE_PROBLEMS: ProblemCodes = {
  400: ['INVALID_REQUEST', 'MALFORMED_BODY', 'BODY_TOO_DEEP', 'BAD_URL', 'BAD_REQUEST', 'INVALID_IF_MATCH', 'INVALID_IDEMPOTENCY_KEY'],
  401: PROBLEM_CODES[401],
  403: ['FORBIDDEN_ROLE', 'OTHER_SITE'],
  413: PROBLEM_CODES[413],
  415: PROBLEM_CODES[415],
  503: PROBLEM_CODES[503],
};

/** Journey commands: all of the above, and what a participant's stream and the journey's rules can refuse. */
const JOURNEY_PROBLEMS: ProblemCodes = {
  ...WRITE_PROBLEMS,
  404: ['PARTICIPANT_NOT_FOUND'],
  409: PROBLEM_CODES[409],
  412: PROBLEM_CODES[412],
  414: PROBLEM_CODES[414],
  422: PROBLEM_CODES[422].filter((code) => code !== 'EMPTY_EXTRACT' && code !== 'INVALID_SITE_CONFIGURATION'),
};

const exampleFor = (status: ProblemStatus, codes: readonly string[]) => {
  const example = PROBLEM_EXAMPLES[status] as { code: string };
  if (codes.includes(example.code)) return example;
  const code = codes[0];
  return { ...example, code, type: `urn:workwell:problem:${code.toLowerCase().replace(/_/g, '-')}` };
};

const problemResponse = (status: ProblemStatus, codes: readonly string[]) =>
  ApiResponse({
    status,
    description: `${PROBLEM_DESCRIPTIONS[status]} Codes: ${codes.join(', ')}.`,
    content: {
      'application/problem+json': {
        schema: { allOf: [ref('Problem')], properties: { code: { type: 'string', enum: [...codes] } } },
        example: exampleFor(status, codes),
      },
    },
  });

const problemResponses = (codes: ProblemCodes) =>
  (Object.entries(codes) as [string, readonly string[]][]).map(([status, list]) => problemResponse(Number(status) as ProblemStatus, list));

const merge = (base: ProblemCodes, extra: ProblemCodes = {}): ProblemCodes => {
  const merged: ProblemCodes = { ...base };
  for (const [status, codes] of Object.entries(extra) as [string, readonly string[]][]) {
    const key = Number(status) as ProblemStatus;
    merged[key] = [...new Set([...(merged[key] ?? []), ...codes])];
  }
  return merged;
};

const etagHeader = {
  ETag: {
    description: 'The participant stream version, W/"<version>": send it back as If-Match.',
    schema: { type: 'string', example: 'W/"7"' },
  },
};

const positionHeader = {
  'X-Position': {
    description: 'The global position of the last event recorded: pass it as minPosition to read your own write.',
    schema: { type: 'integer', format: 'int64' },
  },
};

const replayHeader = {
  'Idempotent-Replay': {
    description: '"true" when this answers a retry: the first answer, nothing recorded again.',
    schema: { type: 'string', enum: ['true'] },
  },
};

export interface ReadSpec {
  /** The component schema of the JSON answer. */
  readonly schema: string;
  readonly description: string;
  /** Other formats the read can answer in (`?format=`), by media type. */
  readonly alternatives?: Readonly<Record<string, MediaTypeObject>>;
  /** An ETag header on the answer; a string says what it is the version of (the participant's stream otherwise). */
  readonly etag?: boolean | string;
  readonly problems?: ProblemCodes;
}

export const ReadResponses = (spec: ReadSpec) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'X-Purpose', required: false, description: 'Why you are reading personal data; recorded in the access log.' }),
    ApiResponse({
      status: 200,
      description: spec.description,
      ...(spec.etag
        ? { headers: typeof spec.etag === 'string' ? { ETag: { ...etagHeader.ETag, description: spec.etag } } : etagHeader }
        : {}),
      content: { 'application/json': { schema: ref(spec.schema) }, ...(spec.alternatives ?? {}) },
    }),
    ...problemResponses(merge(READ_PROBLEMS, spec.problems)),
  );

const idempotencyKeyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'One per intended write (a UUID is ideal): a retry with the same key gets the first answer and records nothing twice.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' },
});

/** A journey command: Idempotency-Key and If-Match in, the recorded events, ETag and X-Position out. */
export const WriteResponses = (success = 200) =>
  applyDecorators(
    ApiBearerAuth(),
    idempotencyKeyHeader,
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'W/"<version>" from the last read or write: refused with 412 if someone recorded something since.',
      schema: { type: 'string', pattern: '^(W/)?"[0-9]{1,9}"$' },
    }),
    ApiResponse({
      status: success,
      description: 'Recorded.',
      headers: {
        ...etagHeader,
        ...positionHeader,
        ...(success === 201 ? { Location: { description: 'The new participant.', schema: { type: 'string' } } } : {}),
        ...replayHeader,
      },
      content: { 'application/json': { schema: ref('Recorded') } },
    }),
    ...problemResponses(JOURNEY_PROBLEMS),
  );

const ifMatchHeader = (description: string) =>
  ApiHeader({ name: 'If-Match', required: false, description, schema: { type: 'string', pattern: '^(W/)?"[0-9]{1,9}"$' } });

export interface ActionSpec {
  readonly status: number;
  readonly schema: string;
  readonly description: string;
  readonly problems?: ProblemCodes;
  /** A versioned write (a site configuration): Idempotency-Key and If-Match in, ETag, X-Position and Idempotent-Replay out. */
  readonly versioned?: { readonly etag: string; readonly ifMatch: string };
}

/** A write that is not a journey command (an evaluation extract, a site configuration): its own answer and refusals. */
export const ActionResponses = (spec: ActionSpec) =>
  applyDecorators(
    ApiBearerAuth(),
    ...(spec.versioned ? [idempotencyKeyHeader, ifMatchHeader(spec.versioned.ifMatch)] : []),
    ApiResponse({
      status: spec.status,
      description: spec.description,
      ...(spec.versioned
        ? {
            headers: {
              ETag: { description: spec.versioned.etag, schema: { type: 'string', example: 'W/"3"' } },
              ...positionHeader,
              ...replayHeader,
            },
          }
        : {}),
      content: { 'application/json': { schema: ref(spec.schema) } },
    }),
    ...problemResponses(merge(WRITE_PROBLEMS, spec.problems)),
  );
