import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@workwell/database';
import { freePort } from '@workwell/testing';

declare global {
  var embeddedPostgres: EmbeddedPostgres | undefined;
  var embeddedPostgresDir: string | undefined;
}

/**
 * One real PostgreSQL for the whole run: the one in DATABASE_URL, or an embedded server in a
 * temporary directory. Each test file then gets a database of its own (see libs/testing).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.WORKWELL_TEST_SERVER_URL = process.env.DATABASE_URL;
    process.stderr.write('\ntests use the PostgreSQL server in DATABASE_URL\n');
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workwell-test-pg-'));
  fs.chmodSync(dataDir, 0o777);
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  globalThis.embeddedPostgres = server;
  globalThis.embeddedPostgresDir = dataDir;
  process.env.WORKWELL_TEST_SERVER_URL = server.url;
  process.stderr.write(`\ntests use an embedded PostgreSQL on port ${server.port} (started in ${Date.now() - started} ms)\n`);
}
