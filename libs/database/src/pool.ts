import { Pool, type PoolConfig } from 'pg';

/** A pool that reports connection errors to the caller instead of crashing the process. */
export const createPool = (connectionString: string, options: PoolConfig = {}): Pool => {
  // A session left idle inside a transaction would hold back event delivery (see libs/event-store): the server ends it.
  const pool = new Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5_000,
    options: '-c idle_in_transaction_session_timeout=30000',
    ...options,
  });
  // An idle client losing its server (restart, failover) must not take the process down;
  // the next query fails and health reports it.
  pool.on('error', () => undefined);
  return pool;
};

/** The connection string a pool was made with (`createPool`), for threads that open pools of their own to the same database. */
export const connectionStringOf = (pool: Pool): string | undefined => pool.options.connectionString;
