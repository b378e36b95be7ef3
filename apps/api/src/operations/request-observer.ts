import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiMetrics, JsonLogger } from '@workwell/observability';
import type { Principal } from '@workwell/auth';
import { commandOf } from './command-routes';

const problemCode = Symbol('workwell.problemCode');
type Observed = FastifyRequest & { principal?: Principal; [problemCode]?: string };

/** Probes and scrapes arrive every few seconds from every replica: their request lines are debugging detail. */
const quietRoutes = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** The route template (`/participants/:participantId/triage`), never the URL: ids and query strings stay out of logs and labels. */
export const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';

const codeOf = (payload: unknown): string | undefined => {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
};

/** Counts a journey command by its route: recorded, replayed, refused (4xx) or failed (5xx), by its problem code. */
const countCommand = (metrics: ApiMetrics, request: Observed, reply: FastifyReply, route: string): void => {
  const command = commandOf(request.method, route);
  if (!command) return;
  const status = reply.statusCode;
  const code = request[problemCode] ?? `HTTP_${status}`;
  if (reply.getHeader('idempotent-replay') === 'true') return metrics.commandReplayed(command);
  if (status < 400) return metrics.commandRecorded(command);
  // A blocked sharing is recorded (auditors see the attempt) and refused (the caller gets 422).
  if (code === 'SHARING_BLOCKED') metrics.commandRecorded(command);
  if (status < 500) metrics.commandRefused(command, code);
  else metrics.commandFailed(command, code);
};

/**
 * One line per request (request id, route, status, latency, user, role, site, client address;
 * pid and service come with every line), the HTTP histogram and the command counters, all from
 * the same hooks so that they always agree.
 */
export const observeRequests = (fastify: FastifyInstance, logger: JsonLogger, metrics: ApiMetrics): void => {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onSend', (request: Observed, reply, payload, done) => {
    if (reply.statusCode >= 400 && String(reply.getHeader('content-type')).startsWith('application/problem+json'))
      request[problemCode] = codeOf(payload);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request: Observed, reply, done) => {
    const route = routeOf(request);
    const status = reply.statusCode;
    metrics.observeRequest(request.method, route, status, reply.elapsedTime / 1000);
    countCommand(metrics, request, reply, route);
    const principal = request.principal;
    logger.write(quietRoutes.has(route) && status < 500 ? 'debug' : 'info', 'request', {
      requestId: request.id,
      method: request.method,
      route,
      status,
      ...(request[problemCode] ? { code: request[problemCode] } : {}),
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(principal ? { user: principal.userId, role: principal.role, site: principal.site ?? 'national' } : {}),
      client: request.ip,
    });
    done();
  });
};
