export * from './event-store.port';
export { canonicalJson, chainHash, chainHashCanonical, type CanonicalHashedFields, type HashedFields } from './hash-chain';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { PostgresEventStore, idleInTransactionTimeoutOption, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { eventStoreMigrations, eventsChannel, writerRole } from './postgres/postgres-event-store.schema';
export { bulkImport, type BulkImportOptions, type ImportEvent, type ImportProgress, type ImportStream } from './postgres/bulk-import';
export { verifyStreams, type StreamProblem, type VerifyOptions, type VerifyProgress, type VerifyReport } from './verify/verify-streams';
export { maxEventsPerTransaction } from './prepared-event';
export { readWholeStream } from './read-whole-stream';
// For adapters without a server-side stream order, and tests that read a store the way they do.
export { knownPrefix, latestRecordedAtThroughReads, pagesThroughReadAll, streamsThroughReads } from './stream-reads';
export { openSharedStore, type OpenedStore } from './open-shared-store';
