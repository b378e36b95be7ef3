import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type ResponseObject } from '@nestjs/swagger';
import { auditSchemas } from '../audit/audit.responses';
import { caseloadSchemas } from '../caseload/caseload.responses';
import { evaluationSchemas } from '../evaluation/evaluation.responses';
import { participantSchemas } from '../participant/participant.responses';
import { siteSchemas } from '../sites/sites.responses';
import { participantRightsSchemas } from '../subject-access/participant-rights.responses';
import { commonSchemas } from './openapi.schemas';
import { describePublicOperations, publicSchemas } from './public-operations';

const BEARER = 'bearer';

/** The OpenAPI 3 description of every endpoint, served at GET /openapi.json. */
export const buildOpenApi = (app: NestFastifyApplication): OpenAPIObject => {
  const document = SwaggerModule.createDocument(
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
      .addServer('/', 'This server (the document is served by the API it describes).')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Claims: sub, role (coach, manager, evaluator, auditor, admin), site (coaches and managers).',
        },
        BEARER,
      )
      .addSecurityRequirements(BEARER)
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...commonSchemas,
      ...participantSchemas,
      ...participantRightsSchemas,
      ...caseloadSchemas,
      ...evaluationSchemas,
      ...auditSchemas,
      ...siteSchemas,
      ...publicSchemas,
    },
  };
  document.info.license = { name: 'Proprietary (UNLICENSED)' };
  describePublicOperations(document);
  shareProblemResponses(document);
  return document;
};

/**
 * Most operations refuse with the same answers: each distinct problem response is published once
 * under components.responses and referred to, which keeps the document (and every client
 * generated from it) a fraction of the size.
 */
const shareProblemResponses = (document: OpenAPIObject): void => {
  const names = new Map<string, string>();
  const variants = new Map<string, number>();
  const shared: Record<string, ResponseObject> = {};
  for (const item of Object.values(document.paths))
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete])
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (response === undefined || '$ref' in response || !response.content?.['application/problem+json']) continue;
        const key = JSON.stringify(response);
        let name = names.get(key);
        if (name === undefined) {
          const variant = (variants.get(status) ?? 0) + 1;
          variants.set(status, variant);
          name = `Problem${status}${variant === 1 ? '' : `Variant${variant}`}`;
          names.set(key, name);
          shared[name] = response as ResponseObject;
        }
        operation!.responses[status] = { $ref: `#/components/responses/${name}` };
      }
  document.components = { ...document.components, responses: { ...document.components?.responses, ...shared } };
};

/** Serves the document and returns it (the reference page is built from the same object). */
export const serveOpenApi = (app: NestFastifyApplication): OpenAPIObject => {
  const document = buildOpenApi(app);
  const body = JSON.stringify(document);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/openapi.json', (_request, reply) => {
      void reply.header('content-type', 'application/json; charset=utf-8').send(body);
    });
  return document;
};

/**
 * The reference page at /docs: Swagger UI from the swagger-ui-dist package, its assets served by
 * this process (no CDN, nothing fetched from another host), the document handed to it inline.
 */
export const serveDocs = (app: NestFastifyApplication, document: OpenAPIObject): void => {
  SwaggerModule.setup('docs', app, document, {
    raw: false,
    customSiteTitle: 'WorkWell Journey Engine API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false, tryItOutEnabled: false, displayRequestDuration: true },
  });
};
