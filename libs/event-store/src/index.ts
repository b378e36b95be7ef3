export * from './event-store.port';
export { canonicalJson, chainHash, chainHashCanonical, type CanonicalHashedFields, type HashedFields } from './hash-chain';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { PostgresEventStore, idleInTransactionTimeoutOption, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { eventStoreMigrations, eventsChannel, writerRole } from './postgres/postgres-event-store.schema';
export { bulkImport, type BulkImportOptions, type ImportEvent, type ImportProgress, type ImportStream } from './postgres/bulk-import';
export {
  verifyStreams,
  type CheckpointComparison,
  type StreamProblem,
  type VerifyAgainst,
  type VerifyOptions,
  type VerifyProgress,
  type VerifyReport,
} from './verify/verify-streams';
export {
  checkpointDigest,
  checkpointFormat,
  signingKeyFromSeed,
  verifyingKeyFromRaw,
  type Checkpoint,
  type CheckpointBody,
  type SigningKey,
  type VerifyingKey,
} from './checkpoint/checkpoint-signature';
export {
  checkpointLogName,
  headsFileOf,
  parseCheckpoint,
  readCheckpointLog,
  type CheckpointLog,
  type CheckpointProblem,
} from './checkpoint/checkpoint-log';
export { headsProblem, readHeadsFile } from './checkpoint/heads-file';
export { loadCheckpointBasis, type CheckpointBasis } from './checkpoint/checkpoint-basis';
export { compareStreamIds, headLeafHash, MerkleRoot, type StreamHead } from './checkpoint/merkle-root';
export { takeCheckpoint, type CheckpointOutcome, type TakeCheckpointOptions } from './checkpoint/take-checkpoint';
export { maxEventsPerTransaction } from './prepared-event';
export { readWholeStream } from './read-whole-stream';
// For adapters without a server-side stream order, and tests that read a store the way they do.
export { knownPrefix, latestRecordedAtThroughReads, pagesThroughReadAll, streamsThroughReads } from './stream-reads';
export { openSharedStore, type OpenedStore } from './open-shared-store';
