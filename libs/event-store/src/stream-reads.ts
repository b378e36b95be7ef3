import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SharedStore,
  SubscribeOptions,
  Subscription,
  KnownAt,
  ReadPagesOptions,
  ReadStreamsOptions,
  StoredEvent,
  StreamEvent,
  StreamOfEvents,
  StreamRange,
} from './event-store.port';
import { readWholeStream } from './read-whole-stream';

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The one as-of cut, whichever adapter read the stream: its longest prefix from version 1 whose
 * events are all known at the point. A version recorded after the point, with later ones recorded
 * before it (a clock stepped back), ends what was known, so the cut is always a whole prefix.
 */
export const knownPrefix = <E extends Pick<StoredEvent, 'version' | 'position' | 'recordedAt'>>(
  events: readonly E[],
  knownAt: KnownAt | undefined,
): readonly E[] => {
  const position = knownAt?.position ?? Number.POSITIVE_INFINITY;
  const recordedBy = knownAt?.recordedAt === undefined ? undefined : Date.parse(knownAt.recordedAt);
  let end = 0;
  while (end < events.length) {
    const event = events[end];
    if (event.version !== end + 1 || event.position > position) break;
    if (recordedBy !== undefined && Date.parse(event.recordedAt) > recordedBy) break;
    end++;
  }
  return end === events.length ? events : events.slice(0, end);
};

export const inRange = (streamId: string, range: StreamRange | undefined): boolean =>
  range === undefined || ((range.after === undefined || streamId > range.after) && (range.upTo === undefined || streamId <= range.upTo));

/** A stored event with only what the read asked for, as every adapter hands it out. */
export const shapedEvent = (event: StoredEvent, options: ReadStreamsOptions): StreamEvent => {
  const withData = options.dataOf === undefined || options.dataOf.includes(event.type);
  const asked = options.metadata ?? 'all';
  const withMetadata = asked !== 'none' && (options.metadataOf === undefined || options.metadataOf.includes(event.type));
  const metadata = !withMetadata ? NO_METADATA : asked === 'all' ? event.metadata : { actor: event.metadata.actor ?? null };
  const shaped: StreamEvent = {
    streamId: event.streamId,
    version: event.version,
    position: event.position,
    eventId: options.eventIds === false ? '' : event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: withData ? event.data : null,
    metadata,
    recordedAt: event.recordedAt,
  };
  return options.hashes ? { ...shaped, hash: event.hash, previousHash: event.previousHash } : shaped;
};

/** Pages of `readAll`, for adapters whose global read is already paged. */
export async function* pagesThroughReadAll(store: EventStore, options: ReadPagesOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  for (let after = options.after ?? 0; after < upTo;) {
    const page = await store.readAll({ after, maxCount: options.pageSize ?? 1_000 });
    if (page.length === 0) return;
    const kept = page[page.length - 1].position <= upTo ? page : page.filter((event) => event.position <= upTo);
    if (kept.length > 0) yield kept;
    if (kept.length < page.length) return;
    after = page[page.length - 1].position;
  }
}

/**
 * Stream order for adapters without a server-side one (EventStoreDB, in memory): the ids of the
 * streams are collected from one pass over the log up to its head, then each stream is read whole,
 * a few at a time, and cut at the head, so memory holds the ids, not the events, and every stream
 * is read as of one state of the store.
 */
export async function* streamsThroughReads(store: EventStore, options: ReadStreamsOptions): AsyncGenerator<StreamOfEvents> {
  const head = await store.headPosition();
  const knownAt: KnownAt = { ...options.knownAt, position: Math.min(options.knownAt?.position ?? head, head) };
  const wanted = (streamId: string) => streamId.startsWith(options.prefix) && inRange(streamId, options.range);
  // Streams named by the reader need no pass over the log to find them: one that does not exist reads empty.
  const ids = new Set<string>(options.ids?.filter(wanted));
  if (options.ids === undefined)
    for await (const page of store.pages({ upTo: knownAt.position, pageSize: 5_000 })) {
      for (const event of page) if (wanted(event.streamId)) ids.add(event.streamId);
    }
  const ordered = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ahead = Math.max(1, Math.min(options.fetchSize ?? 8, 64));
  const reads: Promise<StoredEvent[]>[] = [];
  let events = 0;
  let streams = 0;
  for (let next = 0; next < ordered.length || reads.length > 0;) {
    while (reads.length < ahead && next < ordered.length) {
      const read = readWholeStream(store, ordered[next++]);
      read.catch(() => undefined);
      reads.push(read);
    }
    const stored = await reads.shift()!;
    // Whole streams as stored (gaps and all, for verification) unless a point was asked for.
    const known = options.knownAt === undefined ? stored.filter((event) => event.position <= head) : knownPrefix(stored, knownAt);
    events += stored.length;
    streams++;
    if (streams % 100 === 0 || reads.length === 0) options.onRead?.({ events, streams });
    if (known.length > 0) yield { streamId: known[0].streamId, events: known.map((event) => shapedEvent(event, options)) };
  }
}

/** The newest recording time at or below a position, by a pass over the log. */
export const latestRecordedAtThroughReads = async (store: EventStore, upToPosition: number): Promise<string | null> => {
  let latest: string | null = null;
  for await (const page of store.pages({ upTo: upToPosition, pageSize: 5_000 })) {
    for (const event of page) if (latest === null || Date.parse(event.recordedAt) > Date.parse(latest)) latest = event.recordedAt;
  }
  return latest;
};

/**
 * The port's reads for an adapter without a server-side stream order (EventStoreDB, in memory):
 * built on its own `readStream`, `readAll` and `headPosition`, one range, no size estimate.
 */
export abstract class ReadsThroughThePort implements EventStore {
  abstract append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  abstract subscribeToAll(options: SubscribeOptions): Subscription;
  abstract headPosition(): Promise<number>;
  abstract shared(): SharedStore | undefined;
  abstract close(): Promise<void>;

  streams(options: ReadStreamsOptions): AsyncIterable<StreamOfEvents> {
    return streamsThroughReads(this, options);
  }

  pages(options: ReadPagesOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    return pagesThroughReadAll(this, options);
  }

  /** One range: there is no index of stream ids to split by. */
  async streamRanges(): Promise<StreamRange[]> {
    return [{}];
  }

  latestRecordedAt(upToPosition: number): Promise<string | null> {
    return latestRecordedAtThroughReads(this, upToPosition);
  }

  async estimatedEvents(): Promise<number | undefined> {
    return undefined;
  }
}
