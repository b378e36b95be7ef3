import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_OPERATIONS, type ApiOperations } from './api-operations';

/**
 * While draining, every answer asks the client to close its connection: a keep-alive connection
 * that stayed open after its last answer would hold the server's close until the client's idle
 * timeout, and the client reconnects to a process that is not going away.
 */
export const closeConnectionsWhileDraining = (app: NestFastifyApplication, operations: ApiOperations): void => {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (_request, reply, payload, done) => {
      if (operations.draining) void reply.header('connection', 'close');
      done(null, payload);
    });
};

/**
 * Graceful shutdown: /health/ready answers 503 at once; after `delayMs` (long enough for the load
 * balancer or Kubernetes to stop routing here) the server stops accepting connections, answers
 * what is in flight, and closes. Requests that still arrive on open keep-alive connections while
 * it closes get 503 from Fastify, which clients retry elsewhere.
 */
export const drainAndClose = async (app: NestFastifyApplication, delayMs: number): Promise<void> => {
  app.get<symbol, ApiOperations>(API_OPERATIONS, { strict: false }).beginDrain();
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  await app.close();
};
