import type { Pool, PoolClient } from 'pg';
import { isJourneyEventType, PARTICIPANT_STREAM_PREFIX, type RecordedJourneyEvent, toRecordedJourneyEvent } from '@workwell/domain';
import { PostgresEventStore, type EventStore, type StoredEvent } from '@workwell/event-store';
import type { AsOf } from './as-of.values';

/** One participant's stream as known at the as-of point: a whole prefix, in version order. */
export interface KnownStream {
  readonly streamId: string;
  readonly events: readonly RecordedJourneyEvent[];
}

export interface ReadProgress {
  /** Events read (whether or not the as-of point kept them). */
  readonly events: number;
  readonly streams: number;
}

export interface StreamReadOptions {
  /** Rows per fetch from PostgreSQL (default 20,000). */
  readonly fetchSize?: number;
  readonly onRead?: (progress: ReadProgress) => void;
}

/** The replay reads `data` only: the reporting facts never look at who recorded an event. */
const NO_METADATA = Object.freeze({});

/**
 * The stream's longest prefix known at the as-of point. Versions of a stream are recorded in
 * order, so a prefix is what was known; stopping at the first later event keeps it one even if
 * a clock stepped back.
 */
const knownPrefix = (events: RecordedJourneyEvent[], asOf: AsOf, atMillis: number): RecordedJourneyEvent[] => {
  const end = events.findIndex((event) => (asOf.kind === 'position' ? event.position > asOf.position : Date.parse(event.recordedAt) > atMillis));
  return end < 0 ? events : events.slice(0, end);
};

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * Every participant stream in stream-id order through one cursor over the (stream, version)
 * index, in a repeatable-read snapshot: one consistent state of the store however long the read,
 * memory held to one fetch and one stream. The next fetch runs while this one is folded.
 */
async function* fromPostgres(pool: Pool, asOf: AsOf, options: StreamReadOptions): AsyncGenerator<KnownStream> {
  const fetchSize = options.fetchSize ?? 20_000;
  const filter = asOf.kind === 'position' ? `position <= ${Math.trunc(asOf.position)}` : `recorded_at <= ${literal(asOf.at)}::timestamptz`;
  const client: PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Stream ids sort in byte order (COLLATE "C"): '.' follows '-', so this is every participant stream.
    await client.query(`DECLARE journey_replay NO SCROLL CURSOR FOR
      SELECT stream_id, version, position::text, event_id::text, type, schema_version, data, (extract(epoch FROM recorded_at) * 1000)::bigint::text
      FROM events
      WHERE stream_id >= ${literal(PARTICIPANT_STREAM_PREFIX)} AND stream_id < ${literal(`${PARTICIPANT_STREAM_PREFIX.slice(0, -1)}.`)} AND ${filter}
      ORDER BY stream_id, version`);
    const fetch = () => client.query<unknown[]>({ text: `FETCH ${fetchSize} FROM journey_replay`, rowMode: 'array' });
    let streamId = '';
    let events: RecordedJourneyEvent[] = [];
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
        const type = row[4] as string;
        if (!isJourneyEventType(type)) continue;
        events.push(
          toRecordedJourneyEvent({
            streamId: id,
            version: row[1] as number,
            position: Number(row[2]),
            eventId: row[3] as string,
            type,
            schemaVersion: row[5] as number,
            data: row[6],
            metadata: NO_METADATA,
            recordedAt: new Date(Number(row[7])).toISOString(),
          }),
        );
      }
      options.onRead?.({ events: read, streams });
    }
    if (events.length > 0) yield { streamId, events };
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // Also ends the transaction of a generator abandoned mid-way (the consumer stopped early).
    await client.query('ROLLBACK').catch((error: Error) => (broken ??= error));
    client.release(broken);
  }
}

/**
 * Through the port alone (EventStoreDB, in memory): read in global order and hold every stream
 * until the end, so memory grows with the store. Fine for tests and modest stores; a large
 * EventStoreDB deployment replays from a PostgreSQL copy or a catch-up projection instead.
 */
async function* fromPort(store: EventStore, asOf: AsOf, options: StreamReadOptions): AsyncGenerator<KnownStream> {
  const streams = new Map<string, RecordedJourneyEvent[]>();
  let read = 0;
  for (let after = 0; ; ) {
    const page: StoredEvent[] = await store.readAll({ after, maxCount: options.fetchSize ?? 5_000 });
    if (page.length === 0) break;
    for (const event of page) {
      read++;
      if (!event.streamId.startsWith(PARTICIPANT_STREAM_PREFIX) || !isJourneyEventType(event.type)) continue;
      if (asOf.kind === 'position' && event.position > asOf.position) continue;
      const stream = streams.get(event.streamId) ?? [];
      if (stream.length === 0) streams.set(event.streamId, stream);
      stream.push(toRecordedJourneyEvent(event));
    }
    after = page[page.length - 1].position;
    options.onRead?.({ events: read, streams: streams.size });
  }
  for (const streamId of [...streams.keys()].sort()) {
    const events = (streams.get(streamId) ?? []).sort((a, b) => a.version - b.version);
    streams.delete(streamId);
    yield { streamId, events };
  }
}

/**
 * Every participant stream as known at the as-of point, in stream-id order, each a whole
 * prefix of its recorded events (streams with nothing known then are left out).
 */
export async function* streamsAsOf(source: Pool | EventStore, asOf: AsOf, options: StreamReadOptions = {}): AsyncGenerator<KnownStream> {
  const atMillis = asOf.kind === 'recorded-time' ? Date.parse(asOf.at) : 0;
  const pool = source instanceof PostgresEventStore ? source.pool : 'readAll' in source ? undefined : source;
  const streams = pool ? fromPostgres(pool, asOf, options) : fromPort(source as EventStore, asOf, options);
  for await (const stream of streams) {
    const events = knownPrefix(stream.events as RecordedJourneyEvent[], asOf, atMillis);
    if (events.length > 0) yield { streamId: stream.streamId, events };
  }
}
