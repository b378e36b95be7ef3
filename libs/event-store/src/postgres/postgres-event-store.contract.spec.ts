import { createTestDatabase } from '@workwell/testing';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase(eventStoreMigrations);
  const store = new PostgresEventStore(db.pool);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});
