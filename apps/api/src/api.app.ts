import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { HealthModule } from './health/health.module';
import { CompiledValidationPipe } from './http/compiled-validation';
import { ObjectBodyPipe } from './http/object-body.pipe';
import { serveDocs, serveOpenApi } from './http/openapi';
import { ProblemFilter } from './http/problem.filter';
import { BODY_LIMIT_BYTES, frameworkErrors, refuseDeepBodies } from './http/request-guards';
import { validationProblem } from './http/validation.problem';
import { SiteRegistryCache } from '@workwell/sites';
import type { ApiDependencies, ApiInputs } from './infrastructure/api.dependencies';
import { ApiOperations } from './operations/api-operations';
import { countedEventStore } from './operations/counted-event-store';
import { allowCrossOrigin } from './operations/cross-origin';
import { closeConnectionsWhileDraining } from './operations/drain';
import { limitRates } from './operations/rate-limits';
import { observeRequests } from './operations/request-observer';
import { addSecurityHeaders } from './operations/security-headers';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

@Module({})
class OperatedApiModule {}

/** The API with its operational side: health and metrics around the app's own metrics and drain state. */
const withOperations = (api: DynamicModule, operations: ApiOperations): DynamicModule => ({
  module: OperatedApiModule,
  imports: [api, HealthModule.forRoot(operations)],
});

/** Request lines and metrics, drain, security headers, CORS and rate limits, in the order a request meets them. */
const operate = async (app: NestFastifyApplication, deps: ApiDependencies, operations: ApiOperations): Promise<void> => {
  observeRequests(app.getHttpAdapter().getInstance(), deps.logger, operations.metrics);
  closeConnectionsWhileDraining(app, operations);
  addSecurityHeaders(app);
  await allowCrossOrigin(app, deps.config.corsOrigins);
  await limitRates(app, deps.config.rateLimits);
};

/** Builds the HTTP app around the given dependencies; main.ts listens on it, tests inject into it. */
export const createApiApp = async (given: ApiInputs): Promise<NestFastifyApplication> => {
  const operations = new ApiOperations({ primary: given.pool, read: given.readPool });
  const eventStore = countedEventStore(given.eventStore, operations.metrics);
  const deps: ApiDependencies = { ...given, eventStore, sites: given.sites ?? new SiteRegistryCache(eventStore) };
  const trustProxy = deps.config.trustProxy;
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors,
    trustProxy: Array.isArray(trustProxy) ? [...trustProxy] : (trustProxy as boolean | number),
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(withOperations(ApiModule.forRoot(deps), operations), adapter, {
    logger: deps.logger,
    bufferLogs: false,
  });
  await operate(app, deps, operations);
  guardRequests(app);
  app.useGlobalFilters(new ProblemFilter(deps.logger));
  app.useGlobalPipes(
    new ObjectBodyPipe(),
    new CompiledValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
  );
  publishContract(app);
  return app;
};

/** What every request is held to before a handler, a pipe or class-transformer sees it. */
const guardRequests = (app: NestFastifyApplication): void => {
  refuseDeepBodies(app.getHttpAdapter().getInstance());
};

/** The OpenAPI document at /openapi.json and its reference page at /docs, both served from this process. */
const publishContract = (app: NestFastifyApplication): void => {
  serveDocs(app, serveOpenApi(app));
};
