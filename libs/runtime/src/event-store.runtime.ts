import type { Pool } from 'pg';
import type { WorkwellConfig } from '@workwell/config';
import { PostgresEventStore, type EventStore } from '@workwell/event-store';
import { EventStoreDbEventStore } from '@workwell/eventstoredb';

/** The configured event store: PostgreSQL (the default, on the engine's database) or EventStoreDB. */
export const createEventStore = async (config: WorkwellConfig, pool: Pool): Promise<EventStore> => {
  if (config.eventStore === 'eventstoredb') return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
  return new PostgresEventStore(pool);
};
