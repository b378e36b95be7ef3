import { createPool } from '@workwell/database';
import type { EventStore, SharedStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

export interface OpenedStore {
  readonly store: EventStore;
  /** Closes the store and what was opened for it. */
  close(): Promise<void>;
}

/**
 * Opens, in this thread, the store another thread described with `shared()`: the way a worker of
 * a parallel replay, rebuild or import reaches the caller's store, whichever adapter it is.
 */
export const openSharedStore = async (shared: SharedStore, options: { readonly connections?: number } = {}): Promise<OpenedStore> => {
  switch (shared.adapter) {
    case 'postgres': {
      const pool = createPool(shared.url, { max: options.connections ?? 2 });
      const store = new PostgresEventStore(pool);
      return {
        store,
        close: async () => {
          await store.close();
          await pool.end();
        },
      };
    }
    case 'eventstoredb': {
      // Loaded only when chosen: the gRPC client costs every other start-up a noticeable pause.
      const loaded = await import('./eventstoredb/eventstoredb-event-store.js');
      // Node's import() of a compiled CommonJS module sees only what static analysis finds; `default` holds all of it.
      const { EventStoreDbEventStore } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
      const store = EventStoreDbEventStore.connect(shared.connectionString, { namespace: shared.namespace });
      return { store, close: () => store.close() };
    }
  }
};
