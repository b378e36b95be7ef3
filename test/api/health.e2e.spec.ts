import { loadConfig } from '@workwell/config';
import { createPool } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { InMemoryKeyStore } from '@workwell/key-store';
import { JsonLogger } from '@workwell/observability';
import { freePort } from '@workwell/testing';
import { createApiApp } from '../../apps/api/src/api.app';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

describe('GET /health', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
  });
  afterAll(() => engine.stop());

  const beat = (secondsAgo: number) =>
    engine.db.pool.query(
      `INSERT INTO projector_heartbeats (instance_id, started_at, seen_at, position) VALUES ('p1', now(), $1, 0)
       ON CONFLICT (instance_id) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
      [new Date(engine.now.getTime() - secondsAgo * 1000)],
    );

  it('answers 200 with the event store head, the projector position and its lag', async () => {
    await beat(1);
    const coach = await engine.token('coach', 'leeds');
    const written = await call(engine, 'POST', '/participants', { token: coach, body: referral() });
    await engine.caughtUp();
    const answer = await call(engine, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'ok',
      eventStore: { status: 'up', kind: 'postgres' },
      readModels: { status: 'up' },
      projector: { status: 'up', lagEvents: 0 },
    });
    expect((answer.body.eventStore as { head: number }).head).toBe(written.body.position);
    expect((answer.body.projector as { position: number }).position).toBe(written.body.position);
  });

  it('exposes positions and lag as Prometheus metrics', async () => {
    const response = await fetch(`${engine.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const head = Number(text.match(/^workwell_event_store_head_position (\d+)$/m)?.[1]);
    expect(head).toBeGreaterThan(0);
    expect(text).toContain(`workwell_projection_position{projection="caseload",version="3",generation="0",state="live"} ${head}`);
    expect(text).toMatch(/^workwell_projection_lag_events\{projection="outcomes",version="4",generation="0",state="live"\} 0$/m);
  });

  it('answers 503 when the projector has gone quiet', async () => {
    await beat(120);
    const answer = await call(engine, 'GET', '/health');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'unavailable', projector: { status: 'down' } });
  });

  it('answers 503, not an error, when the database is unreachable', async () => {
    const deadPool = createPool(`postgres://postgres:x@127.0.0.1:${await freePort()}/none`, { connectionTimeoutMillis: 500 });
    const app = await createApiApp({
      config: loadConfig({}),
      secrets: engine.secrets,
      pool: deadPool,
      eventStore: new PostgresEventStore(deadPool),
      keyStore: new InMemoryKeyStore(),
      logger: new JsonLogger('test', 'error', () => undefined),
      clock: () => new Date(),
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const response = await app.inject({ method: 'GET', url: '/health' });
    await app.close();
    await deadPool.end();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      eventStore: { status: 'down' },
      readModels: { status: 'down' },
      projector: { status: 'down' },
    });
  });
});
