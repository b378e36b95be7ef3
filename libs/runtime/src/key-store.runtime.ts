import type { Pool } from 'pg';
import type { WorkwellSecrets } from '@workwell/config';
import { PostgresKeyStore } from '@workwell/key-store';

/**
 * Data keys live in PostgreSQL beside the read models, wrapped by the configured master keys.
 * Unwrapped keys are cached briefly. A long-running process (the API) listens for erasures, so
 * that a key destroyed anywhere leaves every cache when the erasure commits; the cache's time to
 * live (10 s) bounds what a lost notification could cost.
 */
export const createKeyStore = (
  pool: Pool,
  secrets: WorkwellSecrets,
  options: { readonly listenForErasures?: boolean } = {},
): PostgresKeyStore =>
  new PostgresKeyStore(pool, secrets.masterKeys, { ttlMs: keyCacheTtlMs, listenForErasures: options.listenForErasures });

export const keyCacheTtlMs = 10_000;
