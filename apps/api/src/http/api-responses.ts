import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:workwell:problem:invalid-request' },
    title: { type: 'string', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'occurredAt must be an ISO 8601 date and time with a time zone, e.g. 2026-03-02T10:15:00Z' },
    code: { type: 'string', example: 'INVALID_REQUEST' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const recordedSchema = {
  type: 'object',
  properties: {
    participantId: { type: 'string', format: 'uuid' },
    version: { type: 'integer', description: 'The stream version after the write; also the ETag W/"<version>".' },
    position: { type: 'integer', description: 'Global position of the last event: read models that reached it include this write.' },
    recorded: {
      type: 'array',
      items: {
        type: 'object',
        properties: { type: { type: 'string' }, version: { type: 'integer' }, position: { type: 'integer' }, eventId: { type: 'string' } },
      },
    },
  },
  example: {
    participantId: '6f1c1c9e-2b7a-4c1e-9a55-0d6a7e1b2c3d',
    version: 2,
    position: 4387225600,
    recorded: [{ type: 'ReferralTriaged', version: 2, position: 4387225600, eventId: 'b3c1…' }],
  },
};

const problemResponse = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: problemSchema } } });

export const ReadResponses = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'X-Purpose', required: false, description: 'Why you are reading personal data; recorded in the access log.' }),
    problemResponse(400, 'Invalid parameters'),
    problemResponse(401, 'Missing or invalid bearer token'),
    problemResponse(403, 'Role not allowed'),
    problemResponse(404, 'No such participant on your site'),
    problemResponse(503, 'Database unavailable'),
  );

export const WriteResponses = (success = 200) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A UUID per intended write: a retry with the same key gets the first answer and records nothing twice.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'W/"<version>" from the last read or write: refused with 412 if someone recorded something since.',
    }),
    ApiResponse({
      status: success,
      description: 'Recorded. ETag: W/"<version>"; X-Position: the global position.',
      content: { 'application/json': { schema: recordedSchema } },
    }),
    problemResponse(400, 'Invalid request: every wrong field is named'),
    problemResponse(401, 'Missing or invalid bearer token'),
    problemResponse(403, 'Role or site not allowed'),
    problemResponse(404, 'No such participant on your site'),
    problemResponse(409, 'Someone else recorded something for this participant at the same time'),
    problemResponse(412, 'If-Match does not match the current version'),
    problemResponse(422, 'Refused by a journey rule, or a sharing blocked for want of consent (the attempt is recorded)'),
    problemResponse(503, 'Event store or database unavailable; nothing recorded'),
  );
