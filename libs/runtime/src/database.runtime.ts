import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { WorkwellConfig } from '@workwell/config';
import { databaseUrl, embeddedUrl, startEmbeddedPostgres, type EmbeddedPostgres } from '@workwell/database';

export interface RunningDatabase {
  /** URL of the engine's database: DATABASE_URL, or the `workwell` database on the embedded server. */
  readonly url: string;
  readonly embedded: EmbeddedPostgres | undefined;
}

const engineDatabase = 'workwell';

const alreadyRunning = async (config: WorkwellConfig): Promise<string | undefined> => {
  if (!fs.existsSync(path.join(config.dataDir, 'postgres', 'postmaster.pid'))) return undefined;
  const url = databaseUrl(embeddedUrl(config.embeddedPostgresPort), engineDatabase);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * With DATABASE_URL, uses that server as it is. Without, starts the embedded PostgreSQL whose
 * data lives in the data directory and creates the engine's database on first start.
 */
export const openDatabase = async (config: WorkwellConfig, log: (line: string) => void): Promise<RunningDatabase> => {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: undefined };
  // A command run beside `npm start` uses the server that is already running on the same data.
  const running = await alreadyRunning(config);
  if (running) return { url: running, embedded: undefined };
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    persistent: true,
    onLog: (line) => log(`postgres: ${line}`),
  });
  const client = new Client({ connectionString: embedded.url });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [engineDatabase]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${engineDatabase}`);
  } finally {
    await client.end();
  }
  log(`embedded PostgreSQL ready on port ${embedded.port} in ${Date.now() - started} ms (data in ${config.dataDir})`);
  return { url: databaseUrl(embedded.url, engineDatabase), embedded };
};
