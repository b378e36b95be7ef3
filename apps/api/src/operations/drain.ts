import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_OPERATIONS, type ApiOperations } from './api-operations';

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
