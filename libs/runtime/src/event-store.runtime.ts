import type { Pool } from 'pg';
import type { WorkwellConfig } from '@workwell/config';
import { PostgresEventStore, type EventStore } from '@workwell/event-store';
import { lazy } from './lazy.runtime';

/** The configured event store: PostgreSQL (the default, on the engine's database) or EventStoreDB. */
export const createEventStore = async (config: WorkwellConfig, pool: Pool): Promise<EventStore> => {
  if (config.eventStore === 'eventstoredb') {
    // Loaded only when chosen: the gRPC client costs every other start-up a noticeable pause.
    const { EventStoreDbEventStore } = await lazy(() => import('../../event-store/src/eventstoredb/index.js'));
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
  }
  return new PostgresEventStore(pool);
};
