import type { Pool, PoolClient } from 'pg';
import { toIsoInstant } from '@workwell/domain';
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
  /**
   * How much of each event's metadata to read: all of it (the default), only who recorded it
   * (`actor`, what the read models keep of it), or none (replays that need only the data).
   */
  readonly metadata?: 'all' | 'actor' | 'none';
  /**
   * Only events of these types come with the metadata asked for; the others with none (the
   * server then skips parsing metadata no one reads: a fifth of its time in a rebuild).
   */
  readonly metadataOf?: readonly string[];
  /**
   * Only events of these types come with their data; the others with `null` (a replay that
   * needs only their place in the stream skips parsing what it would not read).
   */
  readonly dataOf?: readonly string[];
  /** Read each event's id (default true; without, `eventId` is ''): a replay or rebuild that never looks at it parses a sixth less. */
  readonly eventIds?: boolean;
  /** Only the streams in this part of the id space (see `streamRanges`). */
  readonly range?: StreamRange;
  /** Read in this exported snapshot (`exportSnapshot`), so that every part of a parallel read sees one state of the store. */
  readonly snapshot?: string;
  /**
   * Streams per fetch (default 100). Small fetches keep what is parsed young: a fetch of 1,000
   * streams outlives the young generation and costs the client half as much again in collection.
   */
  readonly fetchSize?: number;
  /** Called after each fetch with the events and streams read so far. */
  readonly onRead?: (progress: { readonly events: number; readonly streams: number }) => void;
}

/** Stream ids after `after` (exclusive) up to `upTo` (inclusive); an open end when absent. */
export interface StreamRange {
  readonly after?: string;
  readonly upTo?: string;
}

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The first id after every id with the prefix, in byte order. */
export const prefixEnd = (prefix: string): string => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** An event as the query spells it: [version, position, event id, type, schema version, data, metadata, recorded ms]. */
type EventTuple = [number, number, string | 0, string, number, unknown, Record<string, unknown> | null, number];

const toEvent = (
  streamId: string,
  [version, position, eventId, type, schemaVersion, data, metadata, recordedMs]: EventTuple,
): StreamOrderEvent => {
  // Positions pass 2^53 only after 2^37 transactions; JSON numbers would round them silently.
  if (!Number.isSafeInteger(position))
    throw new Error(`Event position ${position} of ${streamId} is beyond the safe integer range of this reader.`);
  return {
    streamId,
    version,
    position,
    eventId: eventId === 0 ? '' : eventId,
    type,
    schemaVersion,
    data,
    metadata: metadata ?? NO_METADATA,
    recordedAt: toIsoInstant(recordedMs),
  };
};

/**
 * Every stream with the prefix, whole, in stream-id order, through one cursor over the (stream,
 * version) index in one repeatable-read snapshot: one consistent state of the store however long
 * the read, memory held to one fetch. Each stream arrives as one JSON array built by the server,
 * parsed with one `JSON.parse`: a third of the client's time of a row per event (the bodies are
 * stored as `json`, so the server copies them into the array without re-encoding them). The
 * next fetch runs while the consumer works on this one. Abandoning the generator ends the
 * transaction.
 */
export async function* streamsInOrder(pool: Pool, options: StreamsInOrderOptions): AsyncGenerator<StreamInOrder> {
  if (options.prefix === '') throw new RangeError('streamsInOrder needs a stream prefix');
  const fetchSize = options.fetchSize ?? 100;
  const ofTypes = (types: readonly string[], value: string) =>
    `CASE WHEN type IN (${types.map(literal).join(', ') || 'NULL'}) THEN ${value} ELSE 'null' END`;
  const data = options.dataOf === undefined ? 'data' : ofTypes(options.dataOf, 'data::text');
  const eventId = options.eventIds === false ? `'0'` : `'"', event_id, '"'`;
  const asked = { all: 'metadata::text', actor: `concat('{"actor":', coalesce(metadata->'actor', 'null'), '}')`, none: "'null'" }[
    options.metadata ?? 'all'
  ];
  const metadata = options.metadataOf === undefined || options.metadata === 'none' ? asked : ofTypes(options.metadataOf, asked);
  const filters = [`stream_id >= ${literal(options.prefix)}`, `stream_id < ${literal(prefixEnd(options.prefix))}`];
  if (options.range?.after !== undefined) filters.push(`stream_id > ${literal(options.range.after)}`);
  if (options.range?.upTo !== undefined) filters.push(`stream_id <= ${literal(options.range.upTo)}`);
  if (options.upToPosition !== undefined) filters.push(`position <= ${Math.trunc(options.upToPosition)}`);
  if (options.recordedUpTo !== undefined)
    filters.push(`recorded_at <= ${literal(new Date(options.recordedUpTo).toISOString())}::timestamptz`);
  const client: PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (options.snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT ${literal(options.snapshot)}`);
    await client.query(`DECLARE streams_in_order NO SCROLL CURSOR FOR
      SELECT stream_id, '[' || string_agg(concat('[', version, ',', position, ',', ${eventId}, ',', to_json(type), ',', schema_version, ',',
          ${data}, ',', ${metadata}, ',', round(date_part('epoch', recorded_at) * 1000)::bigint, ']'), ',' ORDER BY version) || ']'
      FROM events WHERE ${filters.join(' AND ')}
      GROUP BY stream_id ORDER BY stream_id`);
    const fetch = () => {
      const next = client.query<[string, string]>({ text: `FETCH ${fetchSize} FROM streams_in_order`, rowMode: 'array' });
      // Awaited below; marked handled so that a consumer stopping early leaves no unhandled rejection.
      next.catch(() => undefined);
      return next;
    };
    let read = 0;
    let streams = 0;
    for (let pending = fetch(); ;) {
      const { rows } = await pending;
      if (rows.length === 0) break;
      pending = fetch();
      const parsed = rows.map(([streamId, json]) => ({
        streamId,
        events: (JSON.parse(json) as EventTuple[]).map((tuple) => toEvent(streamId, tuple)),
      }));
      for (const stream of parsed) {
        read += stream.events.length;
        streams++;
      }
      options.onRead?.({ events: read, streams });
      for (const stream of parsed) yield stream;
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await client.query('ROLLBACK').catch((error: Error) => (broken ??= error));
    client.release(broken);
  }
}
