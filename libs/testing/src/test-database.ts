import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPool, databaseUrl, migrate, type Migration } from '@workwell/database';

export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

const serverUrl = (): string => {
  const url = process.env.WORKWELL_TEST_SERVER_URL;
  if (!url)
    throw new Error('WORKWELL_TEST_SERVER_URL is not set: run the tests through jest (npm test), whose global setup starts PostgreSQL.');
  return url;
};

const adminQuery = async (sql: string): Promise<void> => {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * A fresh database on the test server for one test file, migrated, and dropped afterwards,
 * so that files run in parallel without seeing each other and leave nothing behind.
 */
export const createTestDatabase = async (migrations: readonly Migration[] = []): Promise<TestDatabase> => {
  const name = `ww_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = databaseUrl(serverUrl(), name);
  const pool = createPool(url, { max: 20 });
  await migrate(pool, migrations);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};
