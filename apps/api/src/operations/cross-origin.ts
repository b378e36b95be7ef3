import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { problem } from '../http/problem';

/**
 * Cross-origin browser access for the origins in CORS_ORIGINS only (none by default: no CORS
 * headers at all). A preflight from any other origin is refused with a 403 problem naming the
 * setting, rather than a bare 404 that would send an operator looking for a missing route.
 */
export const allowCrossOrigin = async (app: NestFastifyApplication, origins: readonly string[]): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  const allowed = new Set(origins);
  fastify.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    const preflight =
      request.method === 'OPTIONS' && origin !== undefined && request.headers['access-control-request-method'] !== undefined;
    if (!preflight || allowed.has(origin)) return done();
    void reply
      .status(403)
      .header('content-type', 'application/problem+json')
      .header('vary', 'Origin')
      .send(
        problem(
          403,
          'CORS_ORIGIN_NOT_ALLOWED',
          'Cross-origin request refused',
          `Browsers on ${origin} may not call this API. An operator can allow that origin with CORS_ORIGINS.`,
        ),
      );
  });
  if (allowed.size === 0) return;
  await app.register(cors, {
    origin: [...allowed],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'If-Match',
      'X-Request-Id',
      'X-Correlation-Id',
      'X-Causation-Id',
      'X-Purpose',
    ],
    exposedHeaders: ['ETag', 'X-Position', 'X-Request-Id', 'Location', 'Idempotent-Replay', 'Retry-After'],
    maxAge: 600,
  });
};
