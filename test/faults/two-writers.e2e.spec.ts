import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@workwell/config';
import { PostgresEventStore } from '@workwell/event-store';
import { PostgresKeyStore } from '@workwell/key-store';
import { JsonLogger } from '@workwell/observability';
import { createApiApp } from '../../apps/api/src/api.app';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from '../api/http.support';

const contact = (day: number) => ({
  occurredAt: `2026-01-${String(day + 5).padStart(2, '0')}T10:00:00Z`,
  method: 'phone',
  outcome: 'no-answer',
});

/**
 * The fault suite's rows on two writers: with the same If-Match at once exactly one wins and the
 * other is told 412 whichever API process detects it (not 409 when the journey was not cached or
 * two APIs ran); an Idempotency-Key names one request of one user everywhere.
 */
describe('two coaches, two API processes', () => {
  let engine: Engine;
  let second: NestFastifyApplication;
  let secondUrl: string;
  let secondStore: PostgresEventStore;
  let coach: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    secondStore = new PostgresEventStore(engine.db.pool);
    second = await createApiApp({
      config: { ...loadConfig({}), eventStore: 'postgres' },
      secrets: engine.secrets,
      pool: engine.db.pool,
      eventStore: secondStore,
      keyStore: new PostgresKeyStore(engine.db.pool, engine.secrets.masterKeys),
      logger: new JsonLogger('second', 'error', () => undefined),
      clock: () => engine.now,
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    const address = second.getHttpServer().address();
    secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    coach = await engine.token('coach', 'leeds');
  });
  afterAll(async () => {
    await second.close();
    await secondStore.close();
    await engine.stop();
  });

  it('lets exactly one of two writes with the same If-Match win, and answers the other 412, in every trial', async () => {
    const trials = 20;
    const outcomes: string[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const created = await call(engine, 'POST', '/participants', { token: coach, body: referral() });
      const id = created.body.participantId as string;
      const etag = created.headers.get('etag')!;
      const [first, other] = await Promise.all([
        call(engine, 'POST', `/participants/${id}/contact-attempts`, { token: coach, body: contact(1), headers: { 'if-match': etag } }),
        call({ ...engine, baseUrl: secondUrl }, 'POST', `/participants/${id}/contact-attempts`, {
          token: coach,
          body: contact(2),
          headers: { 'if-match': etag },
        }),
      ]);
      outcomes.push(
        [first.status, other.status].sort().join('+') + (first.status !== 200 ? String(first.body.code) : String(other.body.code)),
      );
    }
    process.stderr.write(`two-writers: ${trials} trials of one If-Match from two APIs: ${[...new Set(outcomes)].join(', ')}\n`);
    expect(outcomes).toEqual(outcomes.map(() => '200+412STALE_VERSION'));
  });

  it('refuses an Idempotency-Key reused by the same user for another participant, and records nothing', async () => {
    const key = randomUUID();
    const first = await call(engine, 'POST', '/participants', {
      token: coach,
      body: referral({ participantId: randomUUID() }),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const before = Number((await engine.db.pool.query('SELECT count(*) FROM events')).rows[0].count);
    for (const url of [engine.baseUrl, secondUrl]) {
      const reused = await call({ ...engine, baseUrl: url }, 'POST', '/participants', {
        token: coach,
        body: referral({ participantId: randomUUID() }),
        headers: { 'idempotency-key': key },
      });
      expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    }
    expect(Number((await engine.db.pool.query('SELECT count(*) FROM events')).rows[0].count)).toBe(before);
    // Another user may use the same key for a request of their own.
    const otherCoach = await engine.token('coach', 'leeds', 'coach-2');
    expect(
      (await call(engine, 'POST', '/participants', { token: otherCoach, body: referral(), headers: { 'idempotency-key': key } })).status,
    ).toBe(201);
  });
});
