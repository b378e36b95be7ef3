import type { Pool, PoolClient } from 'pg';
import type { StoredEvent } from '../event-store.port';

/** A stored event as the stream-order reader returns it: without its hashes, which only verification needs. */
export type StreamOrderEvent = Omit<StoredEvent, 'hash' | 'previousHash'>;

export interface StreamInOrder {
  readonly streamId: string;
  /** The stream's events that pass the filters, in version order. */
  readonly events: readonly StreamOrderEvent[];
}

export interface StreamsInOrderOptions {
  /** Only streams whose id starts with this (e.g. `participant-`). */
  readonly prefix: string;
  /** Only events at or below this global position. */
  readonly upToPosition?: number;
  /** Only events recorded at or before this instant (ISO 8601). */
  readonly recordedUpTo?: string;
  /** Read each event's metadata too (default true); replays that need only the data skip it. */
  readonly withMetadata?: boolean;
  /** Rows per fetch (default 20,000). */
  readonly fetchSize?: number;
  /** Called after each fetch with the events and streams read so far. */
  readonly onRead?: (progress: { readonly events: number; readonly streams: number }) => void;
}

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The first id after every id with the prefix, in byte order. */
const prefixEnd = (prefix: string): string => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * Every stream with the prefix, whole, in stream-id order, through one cursor over the (stream,
 * version) index in one repeatable-read snapshot: one consistent state of the store however long
 * the read, memory held to one fetch and one stream. The next fetch runs while the consumer works
 * on this one. Abandoning the generator ends the transaction.
 */
export async function* streamsInOrder(pool: Pool, options: StreamsInOrderOptions): AsyncGenerator<StreamInOrder> {
  if (options.prefix === '') throw new RangeError('streamsInOrder needs a stream prefix');
  const fetchSize = options.fetchSize ?? 20_000;
  const withMetadata = options.withMetadata ?? true;
  const filters = [`stream_id >= ${literal(options.prefix)}`, `stream_id < ${literal(prefixEnd(options.prefix))}`];
  if (options.upToPosition !== undefined) filters.push(`position <= ${Math.trunc(options.upToPosition)}`);
  if (options.recordedUpTo !== undefined) filters.push(`recorded_at <= ${literal(new Date(options.recordedUpTo).toISOString())}::timestamptz`);
  const client: PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE streams_in_order NO SCROLL CURSOR FOR
      SELECT stream_id, version, position::text, event_id::text, type, schema_version, data, ${withMetadata ? 'metadata' : 'NULL'},
        (extract(epoch FROM recorded_at) * 1000)::bigint::text
      FROM events WHERE ${filters.join(' AND ')}
      ORDER BY stream_id, version`);
    const fetch = () => {
      const next = client.query<unknown[]>({ text: `FETCH ${fetchSize} FROM streams_in_order`, rowMode: 'array' });
      // Awaited below; marked handled so that a consumer stopping early leaves no unhandled rejection.
      next.catch(() => undefined);
      return next;
    };
    let streamId = '';
    let events: StreamOrderEvent[] = [];
    let read = 0;
    let streams = 0;
    for (let pending = fetch(); ; ) {
      const { rows } = await pending;
      if (rows.length === 0) break;
      pending = fetch();
      for (const row of rows) {
        const id = row[0] as string;
        if (id !== streamId) {
          if (events.length > 0) yield { streamId, events };
          streamId = id;
          events = [];
          streams++;
        }
        read++;
        events.push({
          streamId: id,
          version: row[1] as number,
          position: Number(row[2]),
          eventId: row[3] as string,
          type: row[4] as string,
          schemaVersion: row[5] as number,
          data: row[6],
          metadata: (row[7] as Record<string, unknown> | null) ?? NO_METADATA,
          recordedAt: new Date(Number(row[8])).toISOString(),
        });
      }
      options.onRead?.({ events: read, streams });
    }
    if (events.length > 0) yield { streamId, events };
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await client.query('ROLLBACK').catch((error: Error) => (broken ??= error));
    client.release(broken);
  }
}
