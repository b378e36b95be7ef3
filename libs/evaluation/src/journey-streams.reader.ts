import type { Pool } from 'pg';
import {
  EPISODE_FACT_TYPES,
  isJourneyEventType,
  isParticipantStreamId,
  PARTICIPANT_STREAM_PREFIX,
  type RecordedJourneyEvent,
  toRecordedJourneyEvent,
} from '@workwell/domain';
import { PostgresEventStore, streamsInOrder, type EventStore, type StoredEvent, type StreamRange } from '@workwell/event-store';
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
  /** Streams per fetch from PostgreSQL (default: the stream-order reader's, 100). */
  readonly fetchSize?: number;
  /** PostgreSQL only: this part of the streams, in this exported snapshot (the parts of a parallel replay). */
  readonly range?: StreamRange;
  readonly snapshot?: string;
  readonly onRead?: (progress: ReadProgress) => void;
}

/**
 * The stream's longest prefix known at the as-of point. Versions of a stream are recorded in
 * order, so a prefix is what was known; stopping at the first later event keeps it one even if
 * a clock stepped back.
 */
const knownPrefix = (events: RecordedJourneyEvent[], asOf: AsOf, atMillis: number): RecordedJourneyEvent[] => {
  const end = events.findIndex((event) =>
    asOf.kind === 'position' ? event.position > asOf.position : Date.parse(event.recordedAt) > atMillis,
  );
  return end < 0 ? events : events.slice(0, end);
};

/**
 * What the server's cut-off leaves of a stream, up to its first gap: a version recorded after the
 * as-of point, with later ones recorded before it (a clock stepped back), ends what was known.
 */
const contiguousPrefix = <E extends { readonly version: number }>(events: readonly E[]): readonly E[] => {
  const gap = events.findIndex((event, index) => event.version !== index + 1);
  return gap < 0 ? events : events.slice(0, gap);
};

/**
 * Stream order through one cursor in one snapshot. The replay reads the data of the events the
 * episode facts use (the others only for their place in the stream), never who recorded them.
 */
async function* fromPostgres(pool: Pool, asOf: AsOf, options: StreamReadOptions): AsyncGenerator<KnownStream> {
  const streams = streamsInOrder(pool, {
    prefix: PARTICIPANT_STREAM_PREFIX,
    upToPosition: asOf.kind === 'position' ? asOf.position : undefined,
    recordedUpTo: asOf.kind === 'recorded-time' ? asOf.at : undefined,
    metadata: 'none',
    eventIds: false,
    dataOf: EPISODE_FACT_TYPES,
    range: options.range,
    snapshot: options.snapshot,
    fetchSize: options.fetchSize,
    onRead: options.onRead,
  });
  for await (const stream of streams) {
    if (!isParticipantStreamId(stream.streamId)) continue;
    const events = contiguousPrefix(stream.events)
      .filter((event) => isJourneyEventType(event.type))
      .map(toRecordedJourneyEvent);
    if (events.length > 0) yield { streamId: stream.streamId, events };
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
  for (let after = 0; ;) {
    const page: StoredEvent[] = await store.readAll({ after, maxCount: options.fetchSize ?? 5_000 });
    if (page.length === 0) break;
    for (const event of page) {
      read++;
      if (!isParticipantStreamId(event.streamId) || !isJourneyEventType(event.type)) continue;
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

/** The PostgreSQL pool behind a source, when there is one: the replays read it in stream order. */
export const poolOf = (source: Pool | EventStore): Pool | undefined =>
  source instanceof PostgresEventStore ? source.pool : 'readAll' in source ? undefined : source;

/**
 * Every participant stream as known at the as-of point, in stream-id order, each a whole
 * prefix of its recorded events (streams with nothing known then are left out).
 */
export async function* streamsAsOf(source: Pool | EventStore, asOf: AsOf, options: StreamReadOptions = {}): AsyncGenerator<KnownStream> {
  const atMillis = asOf.kind === 'recorded-time' ? Date.parse(asOf.at) : 0;
  const pool = poolOf(source);
  if (!pool && (options.range !== undefined || options.snapshot !== undefined))
    throw new RangeError('only a PostgreSQL store is read in parts');
  if (pool) {
    // The server has cut each stream at the as-of point already.
    yield* fromPostgres(pool, asOf, options);
    return;
  }
  for await (const stream of fromPort(source as EventStore, asOf, options)) {
    const events = knownPrefix(stream.events as RecordedJourneyEvent[], asOf, atMillis);
    if (events.length > 0) yield { streamId: stream.streamId, events };
  }
}
