import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import createClient, { type Middleware } from 'openapi-fetch';
import type { OpenAPIV3 } from 'openapi-types';
import { startEngine, type Engine } from '../support/engine-harness';
import type { paths } from './generated/workwell-api';

const root = path.resolve(__dirname, '..', '..');
const typesFile = path.join(root, 'test/api/generated/workwell-api.d.ts');
const at = (date: string, time = '10:00:00') => `${date}T${time}Z`;

/** Checks each answer against the schema the document declares for its operation, status and media type. */
const answerChecker = (document: OpenAPIV3.Document) => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: document.components });
  const withRefs = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
  const seen: string[] = [];
  const check = (route: string, method: string, status: number, contentType: string, body: unknown): void => {
    const operation = (document.paths[route] as Record<string, OpenAPIV3.OperationObject>)[method.toLowerCase()];
    const declared = operation.responses[String(status)] as OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject | undefined;
    const response =
      declared && '$ref' in declared
        ? (document.components!.responses![declared.$ref.split('/').pop()!] as OpenAPIV3.ResponseObject)
        : declared;
    const media = contentType.split(';')[0].trim();
    const schema = response?.content?.[media]?.schema;
    expect({ answer: `${method} ${route} ${status} ${media}`, declared: schema !== undefined }).toEqual({
      answer: `${method} ${route} ${status} ${media}`,
      declared: true,
    });
    const validate = ajv.compile(withRefs(schema));
    const valid = validate(body);
    expect({ answer: `${method} ${route} ${status}`, errors: valid ? [] : validate.errors }).toEqual({
      answer: `${method} ${route} ${status}`,
      errors: [],
    });
    seen.push(`${method} ${route} ${status}`);
  };
  return { check, seen };
};

describe('a client generated from /openapi.json by an independent generator (openapi-typescript + openapi-fetch)', () => {
  let engine: Engine;
  let document: OpenAPIV3.Document;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-09-01T09:00:00Z') });
    document = (await (await fetch(`${engine.baseUrl}/openapi.json`)).json()) as OpenAPIV3.Document;
  });
  afterAll(() => engine.stop());

  // The types are checked in, not generated at test time, so that `npm run typecheck` checks the
  // journey below against them; this test keeps them equal to what the API serves.
  it('has its checked-in types equal to the types of the served document', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-openapi-types-'));
    try {
      fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
      await promisify(execFile)(
        process.execPath,
        [path.join(root, 'scripts/openapi-types.js'), path.join(dir, 'openapi.json'), path.join(dir, 'types.d.ts')],
        { timeout: 60_000 },
      );
      const fresh = fs.readFileSync(path.join(dir, 'types.d.ts'), 'utf8');
      const checkedIn = fs.readFileSync(typesFile, 'utf8');
      if (fresh !== checkedIn) throw new Error('test/api/generated/workwell-api.d.ts is out of date: run `npm run openapi:types`.');
      expect(fresh).toContain("'/participants/{participantId}/triage'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('drives a whole journey, type-checked, every answer matching its declared schema', async () => {
    const { check, seen } = answerChecker(document);
    const checking: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const text = await response.clone().text();
        check(schemaPath, request.method, response.status, response.headers.get('content-type') ?? '', text ? JSON.parse(text) : undefined);
      },
    };
    const client = createClient<paths>({
      baseUrl: engine.baseUrl,
      headers: { authorization: `Bearer ${await engine.token('coach', 'leeds', 'coach-3')}`, 'x-purpose': 'contract test' },
    });
    client.use(checking);
    const idempotent = { 'Idempotency-Key': crypto.randomUUID() };

    const referred = await client.POST('/participants', {
      params: { header: idempotent },
      body: {
        occurredAt: at('2026-03-02'),
        referralSource: 'gp',
        employmentStatus: 'employed-off-sick',
        fitNoteHeld: true,
        contactPreference: 'phone',
        personalDetails: { name: 'Ada Example', dateOfBirth: '1979-05-04', nhsNumber: '943 476 5919', postcode: 'LS1 4AP' },
        demographics: { sex: 'female', ethnicity: 'white-british', disability: 'not-disclosed', imdDecile: '4' },
      },
    });
    expect(referred.response.status).toBe(201);
    const participantId = referred.data!.participantId;
    const id = { path: { participantId } };
    expect(referred.response.headers.get('etag')).toBe('W/"1"');

    const steps = [
      await client.POST('/participants/{participantId}/triage', {
        params: id,
        body: {
          occurredAt: at('2026-03-02', '15:00:00'),
          decision: 'accepted',
          eligibility: {
            workingAge: true,
            healthConditionOrDisability: true,
            inWorkOrRecentlyOutOfWork: true,
            livesOrRegisteredWithGpInArea: true,
          },
          assignedCoachId: 'coach-3',
        },
      }),
      await client.POST('/participants/{participantId}/contact-attempts', {
        params: id,
        body: { occurredAt: at('2026-03-03'), method: 'phone', outcome: 'reached' },
      }),
      await client.POST('/participants/{participantId}/consents', {
        params: id,
        body: { occurredAt: at('2026-03-04'), scope: 'programme-participation', method: 'written', evidenceReference: 'DOC-9' },
      }),
      await client.POST('/participants/{participantId}/assessment', {
        params: id,
        body: {
          occurredAt: at('2026-03-04', '11:00:00'),
          primaryHealthBarrier: 'mental-health',
          baselineMeasures: [{ instrument: 'swemwbs', instrumentVersion: '1.0', items: [3, 3, 3, 3, 3, 3, 3], score: 21 }],
        },
      }),
      await client.POST('/participants/{participantId}/action-plans', {
        params: { ...id, header: { 'If-Match': 'W/"5"' } },
        body: {
          occurredAt: at('2026-03-05'),
          planType: 'return-to-work',
          goals: [{ domain: 'work', description: 'A phased return', status: 'in-progress' }],
          signedByParticipantOn: '2026-03-05',
        },
      }),
      await client.POST('/participants/{participantId}/sessions', {
        params: id,
        body: { occurredAt: at('2026-03-12'), mode: 'video', durationMinutes: 40 },
      }),
      await client.POST('/participants/{participantId}/outcomes', {
        params: id,
        body: {
          occurredAt: at('2026-06-01'),
          checkpoint: '12-weeks',
          reached: true,
          employmentStatus: 'returned-to-work',
          source: 'participant',
        },
      }),
    ];
    expect(steps.map((step) => step.response.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const caseload = await client.GET('/caseload', {
      params: { query: { coachId: 'coach-3', pageSize: 10, minPosition: steps[steps.length - 1].data!.position } },
    });
    expect(caseload.data).toMatchObject({ siteId: 'leeds', total: 1, items: [{ participantId, name: 'Ada Example', stage: 'started' }] });

    const discharged = await client.POST('/participants/{participantId}/discharge', {
      params: id,
      body: { occurredAt: at('2026-06-02'), reason: 'plan-completed', satisfaction: 5 },
    });
    const last = discharged.data!;
    expect(last.version).toBe(9);

    const stale = await client.POST('/participants/{participantId}/sessions', {
      params: { ...id, header: { 'If-Match': 'W/"2"' } },
      body: { occurredAt: at('2026-03-13'), mode: 'phone', durationMinutes: 20 },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ code: 'STALE_VERSION' });

    const summary = await client.GET('/participants/{participantId}', { params: { ...id, query: { minPosition: last.position } } });
    expect(summary.data).toMatchObject({ participantId, stage: 'discharged', version: 9, sessionsHeld: 1 });
    expect(summary.response.headers.get('etag')).toBe('W/"9"');
    const timeline = await client.GET('/participants/{participantId}/timeline', { params: id });
    expect(timeline.data!.events.map((event) => event.type)).toEqual([
      'ParticipantReferred',
      'ReferralTriaged',
      'ContactAttempted',
      'ConsentGiven',
      'AssessmentCompleted',
      'ActionPlanAgreed',
      'CoachingSessionHeld',
      'OutcomeRecorded',
      'ParticipantDischarged',
    ]);
    const missing = await client.GET('/participants/{participantId}', { params: { path: { participantId: crypto.randomUUID() } } });
    expect(missing.error).toMatchObject({ status: 404, code: 'PARTICIPANT_NOT_FOUND' });
    expect(seen).toHaveLength(14);
  });
});
