import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { ObjectBodyPipe } from './http/object-body.pipe';
import { serveDocs, serveOpenApi } from './http/openapi';
import { ProblemFilter } from './http/problem.filter';
import { BODY_LIMIT_BYTES, frameworkErrors, refuseDeepBodies } from './http/request-guards';
import { validationProblem } from './http/validation.problem';
import type { ApiDependencies } from './infrastructure/api.dependencies';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP app around the given dependencies; main.ts listens on it, tests inject into it. */
export const createApiApp = async (deps: ApiDependencies): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(deps), adapter, {
    logger: deps.logger,
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The request id travels on the request object, not in AsyncLocalStorage: its promise hooks cost every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    deps.logger.info('request', {
      requestId: request.id,
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
    done();
  });
  guardRequests(app);
  app.useGlobalFilters(new ProblemFilter(deps.logger));
  app.useGlobalPipes(
    new ObjectBodyPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
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
