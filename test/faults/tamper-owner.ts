import type { Pool } from 'pg';
import { canonicalJson, chainHash, type PostgresEventStore, type StoredEvent } from '@workwell/event-store';

export interface Owner {
  query(sql: string, values?: unknown[]): Promise<void>;
  readonly store: PostgresEventStore;
}

/** As the owner, with the immutability triggers off: what an intruder with full access to the database could do. */
export const asOwner = (pool: Pool, store: PostgresEventStore) => ({
  store,
  query: async (sql: string, values: unknown[] = []) => {
    const client = await pool.connect();
    try {
      await client.query('ALTER TABLE events DISABLE TRIGGER USER');
      await client.query(sql, values);
    } finally {
      await client.query('ALTER TABLE events ENABLE TRIGGER USER');
      client.release();
    }
  },
});

/** Stores `events` (read from the stream, then changed) with their chain recomputed by the library's own chainHash. */
export const rewriteChain = async (owner: Owner, events: readonly StoredEvent[]): Promise<void> => {
  let previousHash: string | null = null;
  for (const event of events) {
    const hash = chainHash(previousHash, event);
    await owner.query(
      `UPDATE events SET data = $3::json, metadata = $4::json, previous_hash = decode($5, 'hex'), hash = decode($6, 'hex') WHERE stream_id = $1 AND version = $2`,
      [event.streamId, event.version, canonicalJson(event.data), canonicalJson(event.metadata), previousHash, hash],
    );
    previousHash = hash;
  }
};

export type Forged = Omit<StoredEvent, 'hash' | 'previousHash' | 'position'> & { readonly position?: number };

export const unplaced = ({ position: _position, hash: _hash, previousHash: _previousHash, ...event }: StoredEvent): Forged => event;

/** Inserts an event as the owner can: any hash (the right one by default), and any position with its matching transaction id. */
export const forge = async (
  owner: Owner,
  event: Forged,
  previousHash: string | null,
  hash = chainHash(previousHash, event),
): Promise<string> => {
  const placed =
    event.position === undefined
      ? ['', '']
      : [', position, transaction_id', `, ${event.position}, '${Math.floor(event.position / 65536)}'`];
  await owner.query(
    `INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash${placed[0]})
     VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8, decode($9, 'hex'), decode($10, 'hex')${placed[1]})`,
    [
      event.streamId,
      event.version,
      event.eventId,
      event.type,
      event.schemaVersion,
      canonicalJson(event.data),
      canonicalJson(event.metadata),
      event.recordedAt,
      previousHash,
      hash,
    ],
  );
  return hash;
};
