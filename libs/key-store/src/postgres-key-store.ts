import { Client, type Pool, type QueryConfig } from 'pg';
import { DataKeyCache, type DataKeyCacheOptions } from './data-key-cache';
import { generateDataKey, openWithKey, parseOpenedJson, sealWithKey } from './key-crypto';
import { PersonalDataKeyDestroyed, PersonalDataKeyMissing, SealedDataCorrupted } from './key-store.errors';
import { MasterKeyRing } from './master-key-ring';
import {
  erased,
  isErasedPersonalData,
  isSealedPersonalData,
  type ErasedPersonalData,
  type KeyStore,
  type MasterKey,
  type SealedPersonalData,
} from './personal-data.types';

export interface PostgresKeyStoreOptions extends DataKeyCacheOptions {
  /**
   * Listen for keys destroyed by other processes and drop them from the cache at once (one
   * connection of its own). While not listening, live keys are not served from the cache at all,
   * so an erasure elsewhere is never missed for longer than a notification takes to arrive.
   */
  readonly listenForErasures?: boolean;
}

interface KeyRow {
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  destroyed_at: Date | null;
}

const rewrapBatch = 500;

/** Destroyed key ids are announced here, so that every process forgets them at once. */
export const keyErasuresChannel = 'workwell_key_erasures';

/** Data keys in `participant_keys` (see keyStoreMigrations), wrapped by the configured master keys. */
/**
 * The statement that destroys a data key, for callers that must do it inside their own
 * transaction (the projector's key shredder, with its checkpoint). A participant erased before
 * any personal data was sealed still gets a tombstone, so that a later ensureKey cannot give
 * them a fresh key; a second destroy keeps the first time and reason.
 */
export const destroyKeyQuery = (keyId: string, reason: string): QueryConfig => ({
  // The notification goes out when the transaction commits: every process's key cache drops the key then.
  text: `WITH destroyed AS (
           INSERT INTO participant_keys (key_id, wrapped_key, master_key_id, destroyed_at, destroyed_reason)
           VALUES ($1, NULL, NULL, now(), $2)
           ON CONFLICT (key_id) DO UPDATE SET
             wrapped_key = NULL,
             master_key_id = NULL,
             destroyed_at = COALESCE(participant_keys.destroyed_at, EXCLUDED.destroyed_at),
             destroyed_reason = COALESCE(participant_keys.destroyed_reason, EXCLUDED.destroyed_reason)
           RETURNING key_id)
         SELECT pg_notify('${keyErasuresChannel}', key_id) FROM destroyed`,
  values: [keyId, reason],
});

export class PostgresKeyStore implements KeyStore {
  private readonly ring: MasterKeyRing;
  private readonly cache: DataKeyCache;

  private listener: Client | undefined;
  private listening = false;
  private closed = false;
  private readonly listens: boolean;

  constructor(
    private readonly pool: Pool,
    masterKeys: readonly MasterKey[],
    options: PostgresKeyStoreOptions = {},
  ) {
    this.ring = new MasterKeyRing(masterKeys);
    this.cache = new DataKeyCache(options);
    this.listens = options.listenForErasures ?? false;
    if (this.listens) void this.listen();
  }

  /** Stops listening for erasures (the pool stays open for its owner). */
  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ ...this.pool.options, application_name: 'workwell-key-erasures' });
    this.listener = client;
    const lost = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      client.end().catch(() => undefined);
      // Keys destroyed while nobody listened must not be served from memory: start afresh.
      this.cache.clear();
      if (!this.closed) setTimeout(() => void this.listen(), 1_000).unref();
    };
    client.on('notification', (message) => {
      if (message.payload) this.cache.setDestroyed(message.payload);
    });
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${keyErasuresChannel}`);
      this.cache.clear();
      this.listening = true;
    } catch {
      lost();
    }
  }

  async ensureKey(keyId: string): Promise<void> {
    if (this.cache.get(keyId) !== undefined) return;
    const dataKey = generateDataKey();
    try {
      const { masterKeyId, wrapped } = this.ring.wrap(dataKey, keyId);
      // ON CONFLICT DO NOTHING makes concurrent callers agree on whichever key committed first,
      // and leaves a destroyed key destroyed.
      const inserted = await this.pool.query(
        `INSERT INTO participant_keys (key_id, wrapped_key, master_key_id) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING`,
        [keyId, wrapped, masterKeyId],
      );
      if (inserted.rowCount === 1) this.cache.setLive(keyId, dataKey);
    } finally {
      dataKey.fill(0);
    }
  }

  async seal(keyId: string, plaintext: string | object): Promise<SealedPersonalData> {
    let dataKey = await this.load(keyId);
    if (dataKey === undefined) {
      await this.ensureKey(keyId);
      dataKey = await this.load(keyId);
    }
    if (dataKey === null) throw new PersonalDataKeyDestroyed(keyId);
    if (dataKey === undefined) throw new PersonalDataKeyMissing(keyId);
    try {
      return sealWithKey(dataKey, keyId, plaintext);
    } finally {
      dataKey.fill(0);
    }
  }

  async open(envelope: SealedPersonalData | ErasedPersonalData): Promise<string | ErasedPersonalData> {
    if (isErasedPersonalData(envelope)) return erased;
    if (!isSealedPersonalData(envelope))
      throw new SealedDataCorrupted(String((envelope as { keyId?: unknown }).keyId), 'not a sealed envelope');
    const dataKey = await this.load(envelope.keyId);
    if (dataKey === null) return erased;
    if (dataKey === undefined) throw new PersonalDataKeyMissing(envelope.keyId);
    try {
      return openWithKey(dataKey, envelope);
    } finally {
      dataKey.fill(0);
    }
  }

  async openJson<T>(envelope: SealedPersonalData | ErasedPersonalData): Promise<T | ErasedPersonalData> {
    const text = await this.open(envelope);
    return typeof text === 'string' ? parseOpenedJson<T>(text, (envelope as SealedPersonalData).keyId) : text;
  }

  async destroyKey(keyId: string, reason: string): Promise<void> {
    if (!reason.trim()) throw new Error('Destroying a data key needs a reason (it is kept as the proof of erasure).');
    await this.pool.query(destroyKeyQuery(keyId, reason));
    this.cache.setDestroyed(keyId);
  }

  async isDestroyed(keyId: string): Promise<boolean> {
    if (this.cache.get(keyId) === null) return true;
    const { rows } = await this.pool.query<{ destroyed: boolean }>(
      `SELECT destroyed_at IS NOT NULL AS destroyed FROM participant_keys WHERE key_id = $1`,
      [keyId],
    );
    return rows[0]?.destroyed ?? false;
  }

  /**
   * Re-wraps every live data key not wrapped by the newest master key, in batches; returns how
   * many it moved. The data keys themselves do not change, so no event needs rewriting. Once it
   * returns, the older master keys can be removed from configuration.
   */
  async rewrap(): Promise<number> {
    let moved = 0;
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<{ key_id: string; wrapped_key: Buffer; master_key_id: string }>(
        `SELECT key_id, wrapped_key, master_key_id FROM participant_keys
         WHERE wrapped_key IS NOT NULL AND master_key_id <> $1 AND key_id > $2
         ORDER BY key_id LIMIT $3`,
        [this.ring.current.id, after, rewrapBatch],
      );
      if (rows.length === 0) return moved;
      for (const row of rows) {
        const dataKey = this.ring.unwrap(row.wrapped_key, row.master_key_id, row.key_id);
        try {
          const { masterKeyId, wrapped } = this.ring.wrap(dataKey, row.key_id);
          // Guarded by the old master id and live bytes: a key destroyed meanwhile stays destroyed.
          const updated = await this.pool.query(
            `UPDATE participant_keys SET wrapped_key = $2, master_key_id = $3
             WHERE key_id = $1 AND master_key_id = $4 AND wrapped_key IS NOT NULL`,
            [row.key_id, wrapped, masterKeyId, row.master_key_id],
          );
          moved += updated.rowCount ?? 0;
        } finally {
          dataKey.fill(0);
        }
      }
      after = rows[rows.length - 1].key_id;
    }
  }

  /** Forgets every unwrapped key held in memory (for example after a master key rotation). */
  clearCache(): void {
    this.cache.clear();
  }

  /** A copy of the live key (the caller zeroes it), null when destroyed, undefined when absent. */
  private async load(keyId: string): Promise<Buffer | null | undefined> {
    const cached = this.cache.get(keyId);
    // A destroyed key stays destroyed; a live one is trusted from memory only while erasures are heard.
    if (cached === null || (cached !== undefined && (!this.listens || this.listening))) return cached;
    cached?.fill(0);
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT wrapped_key, master_key_id, destroyed_at FROM participant_keys WHERE key_id = $1`,
      [keyId],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.destroyed_at !== null || row.wrapped_key === null || row.master_key_id === null) {
      this.cache.setDestroyed(keyId);
      return null;
    }
    const dataKey = this.ring.unwrap(row.wrapped_key, row.master_key_id, keyId);
    if (this.cache.setLive(keyId, dataKey)) return dataKey;
    dataKey.fill(0);
    return null;
  }
}
