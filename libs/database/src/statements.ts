import type { PoolClient, QueryConfig } from 'pg';
import { inTransaction } from './migrations';

/**
 * Runs the statements in order in one transaction and commits it: all of them or none. On a
 * pipelined client (pg's `pipeline`) they go to the server in one write, between BEGIN and
 * COMMIT, and their answers come back in one round trip: once one fails, the server refuses
 * the rest of the transaction and turns the COMMIT into a rollback. Otherwise one after another.
 */
export const commitStatements = async (client: PoolClient, statements: readonly QueryConfig[]): Promise<void> => {
  if (client.pipeline !== true) {
    await inTransaction(client, async () => {
      for (const statement of statements) await client.query(statement);
    });
    return;
  }
  const { stream } = client.connection;
  const sent: Promise<unknown>[] = [];
  stream.cork();
  try {
    sent.push(client.query('BEGIN'));
    for (const statement of statements) sent.push(client.query(statement));
    sent.push(client.query('COMMIT'));
  } finally {
    stream.uncork();
  }
  const failed = (await Promise.allSettled(sent)).find((s) => s.status === 'rejected');
  if (failed) {
    // Already rolled back by the server; this only makes sure, should a statement have failed before it was sent.
    await client.query('ROLLBACK').catch(() => undefined);
    throw failed.reason;
  }
};
