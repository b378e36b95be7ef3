import { describeEventStoreContract } from '../contract/event-store.contract';
import { FakeEsdbClient } from './eventstoredb-client.fake';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// The adapter's own logic (mapping, paging, the generic stream order) against an in-process fake of
// the gRPC client; the suite against a real server runs when EVENTSTORE_CONNECTION_STRING is set.
describeEventStoreContract('EventStoreDB adapter on a fake client', async () => {
  const store = new EventStoreDbEventStore(new FakeEsdbClient(), { pageSize: 50 });
  return { store, cleanup: () => store.close() };
});
