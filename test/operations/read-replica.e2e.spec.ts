import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@workwell/config';
import { createPool } from '@workwell/database';
import { JsonLogger } from '@workwell/observability';
import type { Pool } from 'pg';
import { createApiApp } from '../../apps/api/src/api.app';
import { call } from '../api/http.support';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { TcpProxy } from './tcp-proxy';

/**
 * No standby runs here, so the "replica" is the same database behind a proxy this test can cut:
 * what fails while it is cut went to the replica, what still answers went to the primary.
 */
describe('DATABASE_READ_URL: reads that need not see their own write go to the read replica', () => {
  let engine: Engine;
  let proxy: TcpProxy;
  let readPool: Pool;
  let app: NestFastifyApplication;
  let coach: string;
  let position: number;

  const inject = async (url: string) => {
    const answer = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${coach}` } });
    return { status: answer.statusCode, body: answer.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    coach = await engine.token('coach', 'leeds');
    position = (await call(engine, 'POST', '/participants', { token: coach, body: referral() })).body.position as number;
    await engine.caughtUp();
    const target = new URL(engine.db.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
    readPool = createPool(proxy.url(engine.db.url), { connectionTimeoutMillis: 1_000 });
    app = await createApiApp({
      config: { ...loadConfig({}), eventStore: 'postgres' },
      secrets: engine.secrets,
      pool: engine.db.pool,
      readPool,
      eventStore: engine.eventStore,
      keyStore: engine.keyStore,
      logger: new JsonLogger('test', 'error', engine.logs.sink),
      clock: () => engine.now,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await readPool.end();
    await proxy.cut();
    await engine.stop();
  });

  it('reads the caseload from the replica while it answers, and from the primary when asked for a position', async () => {
    expect((await inject('/caseload')).body).toMatchObject({ total: 1 });
    await proxy.cut();
    expect(await inject('/caseload')).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(await inject(`/caseload?minPosition=${position}`)).toMatchObject({ status: 200, body: { total: 1 } });
  });

  it('stays ready without its replica, and says so', async () => {
    const answer = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ status: 'ready', checks: { database: 'up', eventStore: 'up', readReplica: 'down' } });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^workwell_db_pool_max_connections\{pool="read"\} 10$/m);
    await proxy.restore();
  });
});
