import { createPool } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, freePort, type TestDatabase } from '@workwell/testing';
import { ProjectorHealth } from '../../apps/projector/src/health/projector-health';
import { projections } from '@workwell/read-models';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { runCli, waitForStatus } from '../support/processes';
import { eventually, TcpProxy } from './tcp-proxy';

const quiet = new JsonLogger('test', 'error', () => undefined);
const names = projections.map((p) => p.name);

const get = async (port: number, path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
};

describe("the projector's health port", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
  });
  afterAll(() => db.drop());

  it('is ready once it holds its projections or stands by for them, and not while the database is unreachable', async () => {
    const target = new URL(db.url);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
    const pool = createPool(proxy.url(db.url), { max: 5, connectionTimeoutMillis: 1_000 });
    const eventStore = new PostgresEventStore(pool);
    const owner = new ProjectionRunner({ pool, eventStore, projections, logger: quiet, instanceId: 'owner' });
    const standby = new ProjectionRunner({
      pool: db.pool,
      eventStore: new PostgresEventStore(db.pool),
      projections,
      logger: quiet,
      instanceId: 'standby',
    });
    const ownerHealth = new ProjectorHealth({ pool, eventStore, runner: owner, projections });
    const standbyHealth = new ProjectorHealth({ pool: db.pool, eventStore: new PostgresEventStore(db.pool), runner: standby, projections });
    const [ownerPort, standbyPort] = [await ownerHealth.listen(0, '127.0.0.1'), await standbyHealth.listen(0, '127.0.0.1')];
    try {
      expect(await get(ownerPort, '/health/ready')).toEqual({ status: 503, body: { status: 'starting' } });
      expect((await get(ownerPort, '/health/live')).status).toBe(200);
      await owner.start();
      ownerHealth.running();
      await standby.start();
      standbyHealth.running();
      expect(await get(ownerPort, '/health/ready')).toMatchObject({ status: 200, body: { status: 'ready', owned: names, standingBy: [] } });
      expect(await get(standbyPort, '/health/ready')).toMatchObject({
        status: 200,
        body: { status: 'ready', owned: [], standingBy: names },
      });

      const metrics = (await get(ownerPort, '/metrics')).body as string;
      expect(metrics).toMatch(/^workwell_projector_owned_projections 4$/m);
      expect(metrics).toMatch(/^workwell_db_pool_connections\{pool="projector",state="in_use"\} \d+$/m);
      expect(metrics).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge$/m);

      await proxy.cut();
      const down = await eventually(
        () => get(ownerPort, '/health/ready'),
        (answer) => answer.status === 503,
      );
      expect(down.body).toMatchObject({ status: 'unavailable', checks: { database: 'down', eventStore: 'down' } });
      expect((await get(ownerPort, '/health/live')).status).toBe(200);
      await proxy.restore();
      await eventually(
        () => get(ownerPort, '/health/ready'),
        (answer) => answer.status === 200,
      );
      ownerHealth.stopping();
      expect(await get(ownerPort, '/health/ready')).toEqual({ status: 503, body: { status: 'stopping' } });
    } finally {
      await owner.stop();
      await standby.stop();
      await ownerHealth.close();
      await standbyHealth.close();
      await pool.end();
      await proxy.cut();
    }
  });

  it('is served by `workwell projector` on PROJECTOR_HEALTH_PORT, which stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = runCli(['projector'], { DATABASE_URL: db.url, PROJECTOR_HEALTH_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      const ready = await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200, 60_000, run);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'up', eventStore: 'up' } });
      expect((await get(port, '/metrics')).body).toMatch(/^process_resident_memory_bytes \d+/m);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    const lines = run
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'projector health listening')).toMatchObject({ service: 'projector', port, level: 'info' });
    expect(lines.find((line) => line.msg === 'projector stopping')).toMatchObject({ signal: 'SIGTERM', pid: run.child.pid });
  });
});
