import net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@workwell/config';
import { createPool } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { InMemoryKeyStore } from '@workwell/key-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import type { Pool } from 'pg';
import { createApiApp } from '../../apps/api/src/api.app';
import { API_OPERATIONS, type ApiOperations } from '../../apps/api/src/operations/api-operations';
import { drainAndClose } from '../../apps/api/src/operations/drain';
import { LogGuard } from '../support/log-guard';
import { eventually, TcpProxy } from './tcp-proxy';

const secrets = {
  masterKeys: [{ id: 'test-1', key: Buffer.alloc(32, 7) }],
  jwtSecret: 'test-secret-test-secret-test-secret-0123',
  jwtPublicKey: undefined,
  pseudonymKey: Buffer.alloc(32, 9),
  generatedFile: undefined,
};

const apiOn = async (pool: Pool, beforeListen: (app: NestFastifyApplication) => void = () => undefined) => {
  const eventStore = new PostgresEventStore(pool);
  const app = await createApiApp({
    config: { ...loadConfig({}), eventStore: 'postgres' },
    secrets,
    pool,
    eventStore,
    keyStore: new InMemoryKeyStore(),
    logger: new JsonLogger('test', 'debug', new LogGuard().sink),
    clock: () => new Date(),
  });
  beforeListen(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as net.AddressInfo;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { app, port, eventStore, get };
};

describe('/health/live and /health/ready', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
  });
  afterAll(() => db.drop());

  it('ready turns 503 while PostgreSQL is unreachable and 200 again when it is back; live stays 200 throughout', async () => {
    const target = new URL(db.url);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
    const pool = createPool(proxy.url(db.url), { connectionTimeoutMillis: 1_000 });
    const api = await apiOn(pool);
    try {
      expect(await api.get('/health/ready')).toEqual({
        status: 200,
        body: { status: 'ready', checks: { database: 'up', eventStore: 'up' } },
      });
      expect((await api.get('/health/live')).status).toBe(200);

      await proxy.cut();
      const down = await eventually(
        () => api.get('/health/ready'),
        (answer) => answer.status === 503,
      );
      expect(down.body).toEqual({ status: 'unavailable', checks: { database: 'down', eventStore: 'down' } });
      expect(await api.get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok', pid: process.pid } });

      await proxy.restore();
      const back = await eventually(
        () => api.get('/health/ready'),
        (answer) => answer.status === 200,
      );
      expect(back.body).toMatchObject({ status: 'ready' });
    } finally {
      await api.app.close();
      await pool.end();
      await proxy.cut();
    }
  });

  it('while draining: ready 503 and live 200, then no new connections, what is in flight answered, then closed', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = await apiOn(db.pool, (app) =>
      app
        .getHttpAdapter()
        .getInstance()
        .get('/test/slow', async () => {
          entered();
          await gate;
          return { answered: true };
        }),
    );
    const slow = fetch(`http://127.0.0.1:${api.port}/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await inside;

    api.app.get<symbol, ApiOperations>(API_OPERATIONS, { strict: false }).beginDrain();
    expect(await api.get('/health/ready')).toMatchObject({ status: 503, body: { status: 'draining' } });
    expect((await api.get('/health/live')).status).toBe(200);

    let closed = false;
    const closing = drainAndClose(api.app, 0).then(() => (closed = true));
    const refused = () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(api.port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
    await eventually(refused, (yes) => yes);
    expect(closed).toBe(false);

    release();
    const answered = await slow;
    expect(answered).toEqual({ status: 200, body: { answered: true } });
    await closing;
    expect(closed).toBe(true);
  });
});
