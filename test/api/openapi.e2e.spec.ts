import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { JOURNEY_RULE_CODES } from '@workwell/domain';
import { PROBLEM_CODES } from '../../apps/api/src/http/problem-catalogue';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

const root = path.resolve(__dirname, '..', '..');
const PUBLIC = ['/health', '/health/live', '/health/ready', '/metrics', '/openapi.json'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Operation = OpenAPIV3.OperationObject & { path: string; method: string };

const operationsOf = (document: OpenAPIV3.Document): Operation[] =>
  Object.entries(document.paths).flatMap(([route, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => ({ ...(item![method] as OpenAPIV3.OperationObject), path: route, method })),
  );

const headerNames = (operation: Operation): string[] =>
  ((operation.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'header').map((p) => p.name);

describe('GET /openapi.json', () => {
  let engine: Engine;
  let document: OpenAPIV3.Document;
  let file: string;

  beforeAll(async () => {
    engine = await startEngine({ projector: false });
    const answer = await call(engine, 'GET', '/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body as unknown as OpenAPIV3.Document;
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ww-openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
  });
  afterAll(async () => {
    await engine.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('is a valid OpenAPI 3 document by @apidevtools/swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(JSON.stringify(document)).not.toContain('"#/components/schemas/"');
  });

  it('lints with @redocly/cli at 0 errors and 0 warnings under the checked-in redocly.yaml', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format=json'],
      { timeout: 60_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 64 << 20 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 90_000);

  it('names this server, and asks for a bearer token on every operation but the public ones', () => {
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    for (const operation of operationsOf(document)) {
      const expected = PUBLIC.includes(operation.path) ? [] : [{ bearer: [] }];
      expect({ at: `${operation.method} ${operation.path}`, security: operation.security }).toEqual({
        at: `${operation.method} ${operation.path}`,
        security: expected,
      });
    }
  });

  it('gives every operation a success schema and every refusable one its problem answers, each with an example and its codes', async () => {
    const dereferenced = (await SwaggerParser.dereference(structuredClone(document) as never)) as unknown as OpenAPIV3.Document;
    expect(Object.keys(document.components!.responses!).length).toBeGreaterThan(5);
    for (const operation of operationsOf(dereferenced)) {
      const at = `${operation.method} ${operation.path}`;
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      expect({ at, success: success?.[0] }).toEqual({ at, success: expect.stringMatching(/^20[01]$/) });
      const content = (success![1] as OpenAPIV3.ResponseObject).content ?? {};
      expect({
        at,
        schemas: Object.values(content).every((media) => media.schema !== undefined) && Object.keys(content).length > 0,
      }).toEqual({
        at,
        schemas: true,
      });
      if (PUBLIC.includes(operation.path)) continue;
      expect({ at, statuses: Object.keys(operation.responses) }).toEqual({
        at,
        statuses: expect.arrayContaining(['400', '401', '403', '503']),
      });
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => s >= '400')) {
        const media = (response as OpenAPIV3.ResponseObject).content?.['application/problem+json'];
        const codes = ((media?.schema as OpenAPIV3.SchemaObject).properties?.code as OpenAPIV3.SchemaObject).enum as string[];
        expect(codes.length).toBeGreaterThan(0);
        expect((media?.example as { status: number; code: string }).status).toBe(Number(status));
        expect(codes).toContain((media?.example as { code: string }).code);
        expect(PROBLEM_CODES[Number(status) as keyof typeof PROBLEM_CODES]).toEqual(expect.arrayContaining(codes));
      }
    }
  });

  it('declares Idempotency-Key and If-Match on journey writes, ETag and X-Position on their answers, integers as integers', () => {
    const writes = operationsOf(document).filter((o) => o.method === 'post' && o.path.startsWith('/participants'));
    expect(writes).toHaveLength(19);
    for (const write of writes) {
      expect(headerNames(write)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
      const success = (write.responses['200'] ?? write.responses['201']) as OpenAPIV3.ResponseObject;
      expect(Object.keys(success.headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'X-Position']));
    }
    const summary = document.paths['/participants/{participantId}']!.get!.responses['200'] as OpenAPIV3.ResponseObject;
    expect(Object.keys(summary.headers ?? {})).toContain('ETag');
    const query = operationsOf(document).flatMap((o) =>
      ((o.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'query'),
    );
    for (const name of ['page', 'pageSize', 'minPosition'])
      for (const parameter of query.filter((p) => p.name === name))
        expect(parameter.schema).toMatchObject({ type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) });
  });

  it('lists every problem code the sources can answer with under its status', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
      });
    // 500 INTERNAL_ERROR is the filter's last resort for our own faults, not an answer of the contract.
    const thrown = sources(path.join(root, 'apps/api/src')).flatMap((source) =>
      [...fs.readFileSync(source, 'utf8').matchAll(/problem\(\s*(\d{3}),\s*'([A-Z_]+)'/g)]
        .map((m) => `${m[1]} ${m[2]}`)
        .filter((entry) => !entry.startsWith('500 ')),
    );
    expect(thrown.length).toBeGreaterThan(20);
    const listed = Object.entries(PROBLEM_CODES).flatMap(([status, codes]) => codes.map((code) => `${status} ${code}`));
    expect(thrown.filter((entry) => !listed.includes(entry))).toEqual([]);
    expect(PROBLEM_CODES[422]).toEqual(expect.arrayContaining([...JOURNEY_RULE_CODES]));
  });

  it('describes the request bodies with their nested types', () => {
    const schemas = document.components!.schemas as Record<string, OpenAPIV3.SchemaObject>;
    expect(schemas.ReferParticipantRequest.properties!.referralSource).toMatchObject({ enum: expect.arrayContaining(['gp', 'self']) });
    expect(schemas.ReferParticipantRequest.properties!.personalDetails).toEqual(
      expect.objectContaining({ allOf: [{ $ref: '#/components/schemas/PersonalDetailsRequest' }] }),
    );
    expect(schemas.AgreeActionPlanRequest.properties!.goals).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/GoalRequest' },
    });
  });
});
