import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { flag, integer, nullable, number, object, position, ref, text, type SchemaMap } from './openapi.schemas';

const up = text(undefined, { enum: ['up', 'down'] });

export const publicSchemas: SchemaMap = {
  Liveness: object({ status: text(undefined, { enum: ['ok'] }), pid: integer(), uptimeSeconds: integer(undefined, { minimum: 0 }) }),
  Readiness: object({
    status: text(undefined, { enum: ['ready', 'unavailable', 'draining'] }),
    checks: object({ database: up, eventStore: up, readReplica: up }, { optional: ['readReplica'] }),
  }),
  Health: object({
    status: text(undefined, { enum: ['ok', 'unavailable'] }),
    eventStore: object(
      { status: up, kind: text(undefined, { enum: ['postgres', 'eventstoredb'] }), head: position() },
      { optional: ['head'] },
    ),
    readModels: object({ status: up }),
    projector: object(
      {
        status: up,
        reason: text(),
        position: position(),
        lagEvents: integer(undefined, { minimum: 0 }),
        lagEventsCapped: flag('lagEvents counts at most 1,000.'),
        lagSeconds: number(),
        lastSeenAt: nullable(text(undefined, { format: 'date-time' })),
      },
      { optional: ['reason', 'position', 'lagEvents', 'lagEventsCapped', 'lagSeconds', 'lastSeenAt'] },
    ),
  }),
};

const health: OperationObject = {
  operationId: 'HealthController_health',
  summary: 'Whether the engine is up',
  description: 'The event store, the read-model database and the projector, with its position and lag. No token needed.',
  tags: ['system'],
  security: [],
  parameters: [],
  responses: {
    '200': { description: 'Everything is up.', content: { 'application/json': { schema: ref('Health') } } },
    '503': { description: 'Something is down: the body says what.', content: { 'application/json': { schema: ref('Health') } } },
  },
};

const live: OperationObject = {
  operationId: 'HealthController_live',
  summary: 'Liveness probe',
  description:
    'The process is up and its event loop answers; never asks the database, so an outage does not restart healthy processes. No token needed.',
  tags: ['system'],
  security: [],
  responses: { '200': { description: 'Alive.', content: { 'application/json': { schema: ref('Liveness') } } } },
};

const ready: OperationObject = {
  operationId: 'HealthController_ready',
  summary: 'Readiness probe',
  description: 'The database and the event store answer and the process is not draining (503 while it shuts down). No token needed.',
  tags: ['system'],
  security: [],
  responses: {
    '200': { description: 'Ready for traffic.', content: { 'application/json': { schema: ref('Readiness') } } },
    '503': { description: 'Not ready, or draining: the body says which.', content: { 'application/json': { schema: ref('Readiness') } } },
  },
};

const metrics: OperationObject = {
  operationId: 'MetricsController_metrics',
  summary: 'Prometheus metrics',
  description: 'Text exposition format: store head, projection positions, lag and heartbeats. No token needed.',
  tags: ['system'],
  security: [],
  responses: { '200': { description: 'The metrics.', content: { 'text/plain': { schema: text() } } } },
};

const openApi: OperationObject = {
  operationId: 'openApiDocument',
  summary: 'This OpenAPI document',
  description: 'The description of every endpoint; a reference page built from it is at /docs. No token needed.',
  tags: ['system'],
  security: [],
  responses: { '200': { description: 'OpenAPI 3.0.', content: { 'application/json': { schema: { type: 'object' } } } } },
};

/**
 * The endpoints that need no token: their controllers are shared with the operations work
 * (health, metrics) and carry no Swagger decorators, so they are described here.
 */
export const describePublicOperations = (document: OpenAPIObject): void => {
  document.paths['/health'] = { get: health };
  document.paths['/health/live'] = { get: live };
  document.paths['/health/ready'] = { get: ready };
  document.paths['/metrics'] = { get: metrics };
  document.paths['/openapi.json'] = { get: openApi };
};
