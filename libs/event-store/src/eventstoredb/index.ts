export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
export type { EsdbClient } from './eventstoredb-client.port';
export type { ResubscribeOptions } from './eventstoredb-subscription';
