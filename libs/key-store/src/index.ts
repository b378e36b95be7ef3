export * from './personal-data.types';
export * from './key-store.errors';
export { generateMasterKey, parseMasterKey } from './key-crypto';
export { DataKeyCache, type DataKeyCacheOptions } from './data-key-cache';
export { keyStoreMigrations } from './key-store.migrations';
export { destroyKeyQuery, PostgresKeyStore, type PostgresKeyStoreOptions } from './postgres-key-store';
export { InMemoryKeyStore } from './in-memory-key-store';
export { BulkKeyIssuer } from './bulk-key-issuer';
