import { JOURNEY_RULE_CODES } from '@workwell/domain';

/**
 * Every `code` an answer of each status can carry, as the OpenAPI document lists them. A test
 * reads the sources for `problem(<status>, '<CODE>'` and fails when one is missing here.
 */
export const PROBLEM_CODES = {
  400: [
    'INVALID_REQUEST',
    'MALFORMED_BODY',
    'BODY_TOO_DEEP',
    'BAD_URL',
    'BAD_REQUEST',
    'INVALID_IF_MATCH',
    'INVALID_IDEMPOTENCY_KEY',
    'BAD_AS_OF',
    'INVALID_CURSOR',
  ],
  401: ['UNAUTHENTICATED', 'INVALID_TOKEN'],
  403: ['FORBIDDEN_ROLE', 'OTHER_SITE', 'FORBIDDEN', 'CORS_ORIGIN_NOT_ALLOWED'],
  404: ['PARTICIPANT_NOT_FOUND', 'EXTRACT_NOT_FOUND', 'CONSENT_NOT_FOUND', 'SITE_NOT_FOUND', 'NOT_FOUND'],
  409: ['CONCURRENCY_CONFLICT', 'PARTICIPANT_ID_TAKEN'],
  412: ['STALE_VERSION'],
  413: ['PAYLOAD_TOO_LARGE'],
  414: ['URI_TOO_LONG'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  422: [...JOURNEY_RULE_CODES, 'SHARING_BLOCKED', 'IDEMPOTENCY_KEY_REUSED', 'EMPTY_EXTRACT', 'INVALID_SITE_CONFIGURATION'],
  503: ['DATABASE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE', 'READ_MODELS_BEHIND', 'TOO_MANY_WAITING'],
} as const satisfies Record<number, readonly string[]>;

export type ProblemStatus = keyof typeof PROBLEM_CODES;

const example = (status: ProblemStatus, code: string, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  type: `urn:workwell:problem:${code.toLowerCase().replace(/_/g, '-')}`,
  title,
  status,
  detail,
  code,
  instance: '/participants/3f1c2a9e-8b7d-4c1e-9f3a-2d5b6c7e8f90/triage',
  ...extra,
});

/** One realistic answer per status, as the API sends it. */
export const PROBLEM_EXAMPLES: Record<ProblemStatus, object> = {
  400: example(400, 'INVALID_REQUEST', 'Invalid request', '2 fields are invalid: occurredAt, eligibility.workingAge', {
    errors: [
      { field: 'occurredAt', message: 'must be a real ISO 8601 date and time with a time zone, e.g. 2026-03-02T10:15:00Z' },
      { field: 'eligibility.workingAge', message: 'must be a boolean value' },
    ],
  }),
  401: example(401, 'UNAUTHENTICATED', 'Authentication required', 'Send a bearer token: Authorization: Bearer <token>.'),
  403: example(403, 'FORBIDDEN_ROLE', 'Forbidden', 'This is for coach or manager users; an evaluator token cannot use it.'),
  404: example(404, 'PARTICIPANT_NOT_FOUND', 'Not found', 'There is no participant 3f1c2a9e-8b7d-4c1e-9f3a-2d5b6c7e8f90 that you can see.'),
  409: example(
    409,
    'CONCURRENCY_CONFLICT',
    'Concurrency conflict',
    'Someone recorded something at the same time. Reload the participant and try again.',
  ),
  412: example(
    412,
    'STALE_VERSION',
    'Precondition failed',
    "The participant's record is at version 4, not 3: someone recorded something since you loaded it.",
    {
      currentVersion: 4,
    },
  ),
  413: example(413, 'PAYLOAD_TOO_LARGE', 'Request too large', 'Request body is too large'),
  414: example(414, 'URI_TOO_LONG', 'URI too long', 'A part of the path is longer than any id of this API.'),
  415: example(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Unsupported Media Type: application/xml'),
  422: example(
    422,
    'TRIAGE_NOT_ACCEPTED',
    'Refused by a journey rule',
    'The referral was not accepted at triage, so this cannot be recorded.',
  ),
  503: example(
    503,
    'DATABASE_UNAVAILABLE',
    'Service unavailable',
    'The database is not reachable just now; nothing was recorded. Try again shortly.',
  ),
};

export const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Invalid request: every wrong field is named once, nested ones by their dotted path.',
  401: 'Missing or invalid bearer token.',
  403: 'Role or site not allowed.',
  404: 'No such participant on your site (another site’s participant answers the same), no such extract or site, or no such endpoint.',
  409: 'Someone else recorded something for this participant at the same time, or the participant id is taken.',
  412: 'If-Match does not match the current version (of the participant, or of the site configurations).',
  413: 'The body is larger than 256 KiB.',
  414: 'A part of the path is too long.',
  415: 'The body is not application/json.',
  422: 'Refused by a rule: the sentence says why. A blocked sharing is recorded (its answer carries what was recorded). A site configuration that does not hold names each wrong field in errors.',
  503: 'The event store or the database is unavailable; nothing was recorded.',
};
