import { loadConfig } from '@workwell/config';
import { JsonLogger } from '@workwell/observability';
import type { KeyStore } from '@workwell/key-store';
import { createApiApp } from '../../apps/api/src/api.app';
import { call } from '../api/http.support';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { LogGuard } from '../support/log-guard';

type Line = Record<string, unknown>;
const parse = (lines: readonly string[]): Line[] => lines.map((line) => JSON.parse(line) as Line);
const requestLines = (engine: Engine): Line[] => parse(engine.logs.lines).filter((line) => line.msg === 'request');

describe('logs: one line per request, no personal data, stacks for 500s', () => {
  let engine: Engine;
  let coach: string;
  let participant: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    coach = await engine.token('coach', 'leeds', 'coach-7');
  });
  afterAll(() => engine.stop());

  it('writes no name, NHS number, postcode, phone, date of birth or token for a journey full of them', async () => {
    const { personalDetails } = referral();
    const referred = await call(engine, 'POST', '/participants', { token: coach, body: referral(), headers: { 'x-request-id': 'ref-1' } });
    expect(referred.status).toBe(201);
    participant = referred.body.participantId as string;
    const asked = [
      await call(engine, 'POST', `/participants/${participant}/triage`, {
        token: coach,
        body: { occurredAt: at('2026-01-05', '12:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-7' },
      }),
      await call(engine, 'POST', `/participants/${participant}/employer-liaisons`, {
        token: coach,
        body: { occurredAt: at('2026-01-09'), employerId: 'employer-1', topic: 'phased-return', dataCategories: ['action-plan'] },
      }),
      await call(engine, 'POST', `/participants/${participant}/corrections`, {
        token: coach,
        body: { occurredAt: at('2026-01-10'), correctsEventId: 'nope', reason: `typo in ${personalDetails.name}` },
      }),
      // Personal data in a refused body, in the path and in the query: none of it may reach a line.
      await call(engine, 'POST', '/participants', {
        token: coach,
        body: referral({ personalDetails: { ...personalDetails, nhsNumber: '943 476 5918' } }),
      }),
      await call(engine, 'GET', `/participants/${encodeURIComponent(personalDetails.nhsNumber!)}`, { token: coach }),
      await call(engine, 'GET', `/caseload?coachId=${encodeURIComponent(personalDetails.name!)}`, { token: coach }),
      await call(engine, 'GET', `/participants/${participant}?minPosition=${referred.body.position}`, { token: coach }),
      await call(engine, 'GET', `/participants/${participant}/timeline`, { token: coach }),
      await call(engine, 'GET', '/caseload', { token: `${coach}x` }),
    ];
    expect(asked.map((a) => a.status)).toEqual([200, 422, 400, 400, 400, 400, 200, 200, 401]);
    expect(JSON.stringify((await call(engine, 'GET', `/participants/${participant}`, { token: coach })).body)).toContain(
      personalDetails.name,
    );

    const lines = requestLines(engine);
    expect(lines.length).toBeGreaterThanOrEqual(asked.length + 2);
    // The guard the harness runs on every engine, asserted here so that this test fails by itself.
    expect(() => engine.logs.assertClean()).not.toThrow();
    const all = engine.logs.lines.join('\n');
    for (const secret of [personalDetails.name!, 'Sam', '943 476 5919', '9434765919', 'LS1 4AP', '07700 900123', coach])
      expect(all).not.toContain(secret);
  });

  it('names request id, route template, status, latency, user, role, site, client and pid on each request line', () => {
    const lines = requestLines(engine);
    expect(lines.find((line) => line.requestId === 'ref-1')).toMatchObject({
      level: 'info',
      service: 'test',
      pid: process.pid,
      method: 'POST',
      route: '/participants',
      status: 201,
      user: 'coach-7',
      role: 'coach',
      site: 'leeds',
      client: '127.0.0.1',
    });
    expect(lines.find((line) => line.route === '/participants/:participantId/employer-liaisons')).toMatchObject({
      status: 422,
      code: 'SHARING_BLOCKED',
    });
    expect(lines.find((line) => line.status === 401)).toMatchObject({ route: '/caseload', code: 'INVALID_TOKEN' });
    expect(lines.find((line) => line.status === 401)).not.toHaveProperty('user');
    for (const line of lines) {
      expect(typeof line.requestId).toBe('string');
      expect(typeof line.ms).toBe('number');
      expect(String(line.route)).not.toMatch(/\?|[0-9a-f]{8}-[0-9a-f]{4}/);
    }
  });

  it('logs the stack of a 500 (a key store that breaks) and answers a problem without it', async () => {
    const guard = new LogGuard();
    const broken: KeyStore = Object.create(engine.keyStore, {
      seal: {
        value: async () => {
          throw new TypeError('the key store broke while sealing');
        },
      },
    });
    const app = await createApiApp({
      config: { ...loadConfig({}), eventStore: 'postgres' },
      secrets: engine.secrets,
      pool: engine.db.pool,
      eventStore: engine.eventStore,
      keyStore: broken,
      logger: new JsonLogger('api', 'info', guard.sink),
      clock: () => engine.now,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const answer = await app.inject({
      method: 'POST',
      url: '/participants',
      headers: { authorization: `Bearer ${coach}`, 'content-type': 'application/json', 'x-request-id': 'boom-1' },
      payload: JSON.stringify(referral()),
    });
    await app.close();
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(answer.body).not.toContain('at ');
    const failed = parse(guard.lines).find((line) => line.msg === 'request failed');
    expect(failed).toMatchObject({ level: 'error', requestId: 'boom-1', route: '/participants', status: 500, code: 'INTERNAL_ERROR' });
    const error = failed!.error as { type: string; message: string; stack: string };
    expect(error.type).toBe('TypeError');
    expect(error.stack).toMatch(/^TypeError: the key store broke while sealing\n\s+at .*logging\.e2e\.spec\.ts/);
    guard.forbid(coach);
    expect(() => guard.assertClean()).not.toThrow();
  });
});
