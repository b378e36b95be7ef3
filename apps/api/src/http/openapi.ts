import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI 3 description of every endpoint, served at GET /openapi.json. */
export const buildOpenApi = (app: NestFastifyApplication): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WorkWell Journey Engine API')
      .setDescription(
        [
          'Record every step of a WorkWell participant’s journey and read caseloads.',
          'Writes return the stream version as an ETag (W/"<n>") and the global position as X-Position; send If-Match to refuse stale writes and an Idempotency-Key to retry safely.',
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`.',
          'Personal data (name, date of birth, NHS number, contact details, postcode, free text) is encrypted with a per-participant key before it is recorded; every read of it is logged.',
        ].join('\n\n'),
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Claims: sub, role (coach, manager, evaluator, auditor, admin), site (coaches and managers).',
      })
      .build(),
  );

export const serveOpenApi = (app: NestFastifyApplication): void => {
  const document = buildOpenApi(app);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/openapi.json', (_request, reply) => {
      void reply.header('content-type', 'application/json; charset=utf-8').send(document);
    });
};
