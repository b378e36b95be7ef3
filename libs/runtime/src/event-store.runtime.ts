import type { Pool } from 'pg';
import type { WorkwellConfig } from '@workwell/config';
import { openSharedStore, PostgresEventStore, type EventStore } from '@workwell/event-store';

/** The configured event store: PostgreSQL (the default, on the engine's database) or EventStoreDB. */
export const createEventStore = async (config: WorkwellConfig, pool: Pool): Promise<EventStore> => {
  if (config.eventStore === 'eventstoredb') {
    // The EventStoreDB store owns its client: closing the store closes everything it opened.
    return (await openSharedStore({ adapter: 'eventstoredb', connectionString: config.eventStoreConnectionString! })).store;
  }
  return new PostgresEventStore(pool);
};
