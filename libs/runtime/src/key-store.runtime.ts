import type { Pool } from 'pg';
import type { WorkwellSecrets } from '@workwell/config';
import { PostgresKeyStore, type KeyStore } from '@workwell/key-store';

/**
 * Data keys live in PostgreSQL beside the read models, wrapped by the configured master keys.
 * Unwrapped keys are cached briefly: another process sees an erasure within this time.
 */
export const createKeyStore = (pool: Pool, secrets: WorkwellSecrets): KeyStore =>
  new PostgresKeyStore(pool, secrets.masterKeys, { ttlMs: 10_000 });
