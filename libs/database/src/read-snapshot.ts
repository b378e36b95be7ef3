import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one connection in a read-only repeatable-read transaction, so that every query
 * it makes sees one state of the database (rows and the position they include, say). The
 * transaction is rolled back afterwards; a connection that failed is not returned to the pool.
 */
export const inReadSnapshot = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await work(client);
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await client.query('ROLLBACK').catch((error: Error) => (broken ??= error));
    client.release(broken);
  }
};
