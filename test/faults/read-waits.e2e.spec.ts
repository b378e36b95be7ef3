import { ReadModelsBehind, ReadModelWaits, TooManyWaiting } from '@workwell/read-models';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from '../api/http.support';

/**
 * The fault suite's row: 40 reads waiting on `?minPosition=` ahead of the projector held pool
 * connections and starved writers. Waiting readers now share one listening connection of the
 * process and hold nothing of the pool; the wait is capped and answers 503 with Retry-After.
 */
describe('reads waiting for the read models', () => {
  let engine: Engine;
  let coach: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z'), projector: false });
    coach = await engine.token('coach', 'leeds');
  });
  afterAll(() => engine.stop());

  it('lets 40 readers wait while writes go on, holding one listening connection and no pool connection, then answers them all', async () => {
    const first = await call(engine, 'POST', '/participants', { token: coach, body: referral() });
    expect(first.status).toBe(201);
    const position = first.body.position as number;
    const waits = Array.from({ length: 40 }, () => call(engine, 'GET', `/caseload?minPosition=${position}`, { token: coach }));
    const listening = async () =>
      Number(
        (
          await engine.db.pool.query(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'workwell-read-model-waits'`,
          )
        ).rows[0].count,
      );
    for (let seen = 0; seen === 0;) seen = await listening();
    const writes = await Promise.all(
      Array.from({ length: 20 }, () => call(engine, 'POST', '/participants', { token: coach, body: referral() })),
    );
    expect(writes.map((w) => w.status)).toEqual(writes.map(() => 201));
    expect(await listening()).toBe(1);
    expect(engine.db.pool.waitingCount).toBe(0);
    await engine.projector.start();
    const answers = await Promise.all(waits);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.every((a) => (a.body.position as number) >= position)).toBe(true);
  });

  it('answers a wait that runs out with 503 READ_MODELS_BEHIND and Retry-After, not a read without the write', async () => {
    const answer = await call(engine, 'GET', `/caseload?minPosition=${Number.MAX_SAFE_INTEGER - 1}`, { token: coach });
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 503, code: 'READ_MODELS_BEHIND' });
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses readers past the cap at once and lets the others wait', async () => {
    const waits = new ReadModelWaits(engine.db.pool, { maxWaiting: 2, recheckMs: 50 });
    try {
      const far = Number.MAX_SAFE_INTEGER - 1;
      const pending = [waits.waitFor(far, 60_000), waits.waitFor(far, 60_000)];
      pending.forEach((p) => p.catch(() => undefined));
      for (;;) {
        if (waits.waiting === 2) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await expect(waits.waitFor(far, 60_000)).rejects.toBeInstanceOf(TooManyWaiting);
      await waits.close();
      await expect(pending[0]).rejects.toBeInstanceOf(ReadModelsBehind);
    } finally {
      await waits.close();
    }
  });
});
