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

/** The store's estimate of its events, for progress bars. */
export const estimatedEvents = ({ eventStore }: EngineSession): Promise<number | undefined> => eventStore.estimatedEvents();
