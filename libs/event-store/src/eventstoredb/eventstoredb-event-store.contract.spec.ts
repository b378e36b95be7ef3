import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const skipped =
  'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run it against a real server\n';

if (connectionString) {
  // A server keeps everything between runs: each store gets a namespace of its own, so every
  // contract test starts from what looks like an empty store.
  describeEventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.connect(connectionString, { namespace: `contract-${randomUUID()}/` });
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('EventStoreDB contract suite', () => {
    it('did not run: EVENTSTORE_CONNECTION_STRING is not set (see stderr)', () => {
      process.stderr.write(`\n${skipped}`);
    });
  });
}
