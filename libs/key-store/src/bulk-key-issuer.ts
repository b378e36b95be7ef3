import type { Pool } from 'pg';
import { generateDataKey, sealWithKey } from './key-crypto';
import { MasterKeyRing } from './master-key-ring';
import type { MasterKey, SealedPersonalData } from './personal-data.types';

/**
 * Seals synchronously for a bulk load (an importer cannot wait on the database for every
 * field): data keys are made in memory, one per key id, and written to `participant_keys`
 * by `flush`, which the importer calls before it writes the events sealed with them.
 */
export class BulkKeyIssuer {
  private readonly ring: MasterKeyRing;
  private readonly pending = new Map<string, Buffer>();
  private readonly issued = new Map<string, Buffer>();

  constructor(masterKeys: readonly MasterKey[]) {
    this.ring = new MasterKeyRing(masterKeys);
  }

  seal(keyId: string, plaintext: string | object): SealedPersonalData {
    let dataKey = this.issued.get(keyId);
    if (!dataKey) {
      dataKey = generateDataKey();
      this.issued.set(keyId, dataKey);
      this.pending.set(keyId, dataKey);
    }
    return sealWithKey(dataKey, keyId, plaintext);
  }

  /** Writes the keys issued since the last flush, and forgets every key (their participants are done). */
  async flush(pool: Pool): Promise<number> {
    const wrapped = [...this.pending].map(([keyId, dataKey]) => ({ keyId, ...this.ring.wrap(dataKey, keyId) }));
    this.pending.clear();
    for (const key of this.issued.values()) key.fill(0);
    this.issued.clear();
    for (let i = 0; i < wrapped.length; i += 5_000) {
      const slice = wrapped.slice(i, i + 5_000);
      await pool.query(
        `INSERT INTO participant_keys (key_id, wrapped_key, master_key_id)
         SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[]) ON CONFLICT (key_id) DO NOTHING`,
        [slice.map((s) => s.keyId), slice.map((s) => s.wrapped), slice.map((s) => s.masterKeyId)],
      );
    }
    return wrapped.length;
  }
}
