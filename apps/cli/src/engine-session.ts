import type { Pool } from 'pg';
import { loadConfig, type WorkwellConfig } from '@workwell/config';
import { createPool } from '@workwell/database';
import type { EventStore } from '@workwell/event-store';
import { createEventStore, openDatabase } from '@workwell/runtime';

export interface EngineSession {
  readonly config: WorkwellConfig;
  readonly pool: Pool;
  readonly eventStore: EventStore;
}

/**
 * The database and event store a command-line tool works on (a running `npm start`'s embedded
 * server, or one started for the occasion, or DATABASE_URL), closed again whatever happens.
 */
export const withEngine = async <T>(work: (session: EngineSession) => Promise<T>): Promise<T> => {
  const config = loadConfig();
  const database = await openDatabase(config, () => undefined);
  const pool = createPool(database.url);
  try {
    const eventStore = await createEventStore(config, pool);
    try {
      return await work({ config, pool, eventStore });
    } finally {
      await eventStore.close();
    }
  } finally {
    await pool.end();
    await database.embedded?.stop();
  }
};

/** The planner's estimate of the stored events, for progress bars; undefined off PostgreSQL or before the first ANALYZE. */
export const estimatedEvents = async ({ config, pool }: EngineSession): Promise<number | undefined> => {
  if (config.eventStore !== 'postgres') return undefined;
  const { rows } = await pool.query<{ estimate: string }>(
    `SELECT reltuples::bigint::text AS estimate FROM pg_class WHERE oid = to_regclass('events')`,
  );
  const estimate = Number(rows[0]?.estimate ?? 0);
  return estimate > 0 ? estimate : undefined;
};
