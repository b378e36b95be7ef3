import { mintToken } from '@workwell/auth';
import { simulate } from '../../apps/cli/src/simulate/simulate';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

describe('workwell simulate', () => {
  let engine: Engine;
  const now = new Date();

  beforeAll(async () => {
    engine = await startEngine({ now });
  });
  afterAll(() => engine.stop());

  it('drives every kind of journey command through the API without a refusal it did not plan', async () => {
    const result = await simulate({
      baseUrl: engine.baseUrl,
      participants: 40,
      site: 'leeds',
      seed: 7,
      concurrency: 4,
      now,
      tokenFor: (actor) =>
        mintToken(
          {
            sub: actor.userId,
            role: actor.role === 'system' ? 'admin' : actor.role,
            site: actor.role === 'coach' || actor.role === 'manager' ? 'leeds' : undefined,
            ttlSeconds: 600,
          },
          engine.secrets,
        ),
    });
    expect(result.refused).toEqual({});
    expect(result.participants).toBe(40);
    expect(result.commands).toBeGreaterThan(400);
    const types = (await engine.db.pool.query('SELECT DISTINCT type FROM events ORDER BY type')).rows.map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ParticipantReferred',
        'ReferralTriaged',
        'ActionPlanAgreed',
        'CoachingSessionHeld',
        'OutcomeRecorded',
        'ParticipantDischarged',
        'DataShared',
      ]),
    );

    await engine.caughtUp();
    const caseload = await call(engine, 'GET', '/caseload?pageSize=200', { token: await engine.token('manager', 'leeds') });
    expect(caseload.status).toBe(200);
    expect(caseload.body.total).toBeGreaterThan(0);
  });
});
