import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type WorkwellConfig, type WorkwellSecrets } from '@workwell/config';
import { PostgresEventStore } from '@workwell/event-store';
import { PostgresKeyStore } from '@workwell/key-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { createApiApp } from '../../apps/api/src/api.app';
import { mintToken } from '@workwell/auth';
import type { Role } from '@workwell/auth';
import { projections } from '@workwell/read-models';
import { lastWritten } from './last-written';
import { LogGuard } from './log-guard';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';

export interface Engine {
  readonly db: TestDatabase;
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly eventStore: PostgresEventStore;
  readonly keyStore: PostgresKeyStore;
  readonly projector: ProjectionRunner;
  readonly secrets: WorkwellSecrets;
  /** Every line the engine logged (debug and up); stop() fails if one carried personal data or a token. */
  readonly logs: LogGuard;
  /** The recording clock the API uses; tests move it. */
  now: Date;
  token(role: Role, site?: string, sub?: string): Promise<string>;
  /** Resolves when the read models include everything appended so far. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** The real API (Fastify on a free port) and projector, on a fresh database of the test server. */
export const startEngine = async (options: { now?: Date; projector?: boolean; config?: Partial<WorkwellConfig> } = {}): Promise<Engine> => {
  // Set WORKWELL_TEST_LOG=1 to see the engine's error lines while a test runs (=debug: every line).
  const logs = new LogGuard();
  const logger = new JsonLogger('test', 'debug', logs.sink);
  const db = await createTestDatabase(allMigrations);
  const secrets: WorkwellSecrets = {
    masterKeys: [{ id: 'test-1', key: Buffer.alloc(32, 7) }],
    jwtSecret: 'test-secret-test-secret-test-secret-0123',
    jwtPublicKey: undefined,
    pseudonymKey: Buffer.alloc(32, 9),
    generatedFile: undefined,
  };
  const eventStore = new PostgresEventStore(db.pool);
  const keyStore = new PostgresKeyStore(db.pool, secrets.masterKeys);
  const engine = {
    db,
    eventStore,
    keyStore,
    secrets,
    logs,
    now: options.now ?? new Date('2026-03-02T09:00:00Z'),
  } as Engine;
  // Files the API writes (evaluation extracts) go to a directory of this engine's own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-engine-'));
  const config = { ...loadConfig({}), eventStore: 'postgres' as const, dataDir, ...options.config };
  const app = await createApiApp({ config, secrets, pool: db.pool, eventStore, keyStore, logger, clock: () => engine.now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const projector = new ProjectionRunner({ pool: db.pool, eventStore, projections, logger, instanceId: 'test', batchSize: 500 });
  if (options.projector !== false) await projector.start();
  return Object.assign(engine, {
    app,
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    projector,
    token: async (role: Role, site?: string, sub = `${role}-1`) => {
      const token = await mintToken({ sub, role, site, ttlSeconds: 3600, now: new Date() }, secrets);
      logs.forbid(token);
      return token;
    },
    caughtUp: async () => projector.waitFor(await lastWritten(db.pool)),
    stop: async () => {
      await projector.stop();
      await app.close();
      await eventStore.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      logs.assertClean();
    },
  });
};
