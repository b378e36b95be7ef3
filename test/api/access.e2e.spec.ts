import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { participantEndpoints } from './endpoints.support';
import { call, eventCount } from './http.support';

describe('site and role boundaries', () => {
  let engine: Engine;
  let siteA: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    const coachA = await engine.token('coach', 'site-a');
    siteA = (await call(engine, 'POST', '/participants', { token: coachA, body: referral() })).body.participantId as string;
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it("gives a coach of site B 404 on every endpoint of site A's participant, and records nothing", async () => {
    const coachB = await engine.token('coach', 'site-b');
    const before = await eventCount(engine);
    for (const endpoint of participantEndpoints(siteA)) {
      const answer = await call(engine, endpoint.method, endpoint.path, { token: coachB, body: endpoint.body });
      expect({ path: endpoint.path, status: answer.status, code: answer.body.code }).toEqual({
        path: endpoint.path,
        status: 404,
        code: 'PARTICIPANT_NOT_FOUND',
      });
    }
    expect(await eventCount(engine)).toBe(before);
    const { rows } = await engine.db.pool.query('SELECT count(*) FROM personal_data_access_log');
    expect(Number(rows[0].count)).toBe(0);
  });

  it('does not let a coach refer into another site, nor list its caseload', async () => {
    const coachB = await engine.token('coach', 'site-b');
    expect((await call(engine, 'POST', '/participants', { token: coachB, body: referral({ siteId: 'site-a' }) })).status).toBe(403);
    const caseload = await call(engine, 'GET', '/caseload?siteId=site-a', { token: coachB });
    expect(caseload.status).toBe(200);
    expect(caseload.body).toMatchObject({ siteId: 'site-b', total: 0 });
  });

  it('keeps evaluators and auditors away from personal data on every participant endpoint', async () => {
    for (const role of ['evaluator', 'auditor'] as const) {
      const token = await engine.token(role);
      for (const endpoint of participantEndpoints(siteA)) {
        const answer = await call(engine, endpoint.method, endpoint.path, { token, body: endpoint.body });
        expect({ role, path: endpoint.path, status: answer.status }).toEqual({ role, path: endpoint.path, status: 403 });
      }
      expect((await call(engine, 'GET', '/caseload?siteId=site-a', { token })).status).toBe(403);
    }
  });
});
