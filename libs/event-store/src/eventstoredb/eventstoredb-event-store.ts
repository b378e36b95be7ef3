import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  WrongExpectedVersionError,
  excludeSystemEvents,
  streamNameFilter,
  type ReadPosition,
} from '@eventstore/db-client';
import { ConcurrencyConflict } from '../event-store.port';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SharedStore,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { ReadsThroughThePort } from '../stream-reads';
import { assertExpected, findPriorAppend, prepareAppend } from './eventstoredb-append';
import type { EsdbClient, EsdbRecordedEvent } from './eventstoredb-client.port';
import { EsdbReader, translateError } from './eventstoredb-reader';
import { EventStoreDbSubscription, type ResubscribeOptions } from './eventstoredb-subscription';
import {
  appendRevisionFor,
  isSystemEvent,
  positionOf,
  toEsdbPosition,
  toStoredEvent,
  versionOfCurrentRevision,
  versionOfRevision,
} from './eventstoredb.mapping';

export interface EventStoreDbEventStoreOptions {
  /** Prefix of every stream name in EventStoreDB, stripped on reading: stores sharing a server (test runs) do not see each other. */
  readonly namespace?: string;
  /** Events per gRPC read. Every read is bounded: unbounded reads have blown up client memory. */
  readonly pageSize?: number;
  /** How far back a retried `any` / `stream_exists` append looks for its first result. */
  readonly idempotencyWindow?: number;
  /** Attempts of an `any` / `stream_exists` / keyed append that keeps losing the race for the stream head. */
  readonly maxAppendAttempts?: number;
  readonly resubscribe?: ResubscribeOptions;
  readonly clock?: () => Date;
}

const defaultReadAllCount = 1_000;

/**
 * The event-store port on EventStoreDB. Versions are revisions + 1; positions are commit
 * positions; the hash chain and our bookkeeping ride in each event's metadata under `$workwell`.
 * An append first reads the stream's last event (previous hash, version), then writes expecting
 * exactly that revision, so a concurrent writer makes it fail instead of breaking the chain;
 * `any` and `stream_exists` appends then simply try again.
 */
export class EventStoreDbEventStore extends ReadsThroughThePort implements EventStore {
  private readonly reader: EsdbReader;
  private readonly namespace: string;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  private connectionString: string | undefined;

  /** Takes ownership of the client: close() disposes it. */
  constructor(
    private readonly client: EsdbClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    super();
    this.reader = new EsdbReader(client);
    this.namespace = options.namespace ?? '';
    this.pageSize = options.pageSize ?? 500;
  }

  /** e.g. `esdb://localhost:2113?tls=false`; the client connects lazily, on first use. */
  static connect(connectionString: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
    store.connectionString = connectionString;
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const stream = this.namespace + streamId;
    const { expectedVersion, idempotencyKey } = options;
    const maxAttempts = this.options.maxAppendAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const head = await this.reader.head(stream);
      if (idempotencyKey !== undefined) {
        const window = this.options.idempotencyWindow ?? 100;
        const first = await findPriorAppend(this.reader, stream, streamId, idempotencyKey, expectedVersion, head, events.length, window);
        if (first) return result(streamId, first, true);
      }
      assertExpected(streamId, expectedVersion, head.version);
      if (events.length === 0) return { streamId, version: head.version, position: head.position, duplicate: false, events: [] };
      const recordedAt = (this.options.clock?.() ?? new Date()).toISOString();
      const prepared = prepareAppend(streamId, events, head, idempotencyKey, recordedAt);
      try {
        const written = await this.client.appendToStream(stream, prepared.esdb, { expectedRevision: appendRevisionFor(head.version) });
        const position = positionOf(written.position);
        const single = idempotencyKey === undefined && prepared.stored.length === 1 && position !== undefined;
        if (single && versionOfRevision(written.nextExpectedRevision) === head.version + 1)
          return result(streamId, [{ ...prepared.stored[0], position }], false);
        // Several events need their own positions, and a keyed append may have been answered by
        // EventStoreDB's idempotency check (a concurrent retry wrote first): what is stored wins.
        const stored = (await this.reader.range(stream, head.version + 1, prepared.stored.length)).map((e) =>
          toStoredEvent(e, streamId, position ?? 0),
        );
        return result(streamId, stored, stored[0]?.hash !== prepared.stored[0].hash);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw translateError(error);
        const retry = idempotencyKey !== undefined || expectedVersion === 'any' || expectedVersion === 'stream_exists';
        if (!retry || attempt >= maxAttempts)
          throw new ConcurrencyConflict(streamId, expectedVersion, versionOfCurrentRevision(error.actualVersion));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: StoredEvent[] = [];
    let next = Math.max(1, options.fromVersion ?? 1);
    while (events.length < limit) {
      const want = Math.min(this.pageSize, limit - events.length);
      const page = await this.reader.range(this.namespace + streamId, next, want);
      events.push(...page.map((e) => toStoredEvent(e, streamId)));
      if (page.length < want) break;
      next += page.length;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? defaultReadAllCount;
    const events: StoredEvent[] = [];
    let cursor = options.after ?? 0;
    while (events.length < limit) {
      // +1: reading from a position returns the event at that position first, already seen.
      const want = Math.min(this.pageSize, limit - events.length + 1);
      const page = await this.reader.all(cursor > 0 ? toEsdbPosition(cursor) : START, want, FORWARDS);
      let advanced = false;
      for (const event of page) {
        const position = positionOf(event.position);
        if (position === undefined || position <= cursor) continue;
        cursor = position;
        advanced = true;
        const streamId = this.ourStreamId(event);
        if (streamId !== undefined) events.push(toStoredEvent(event, streamId));
        if (events.length === limit) break;
      }
      if (page.length < want || !advanced) break;
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const prefix = this.namespace + (options.streamPrefix ?? '');
    const subscription = new EventStoreDbSubscription(this.client, {
      ...options,
      filter: prefix ? streamNameFilter({ prefixes: [prefix] }) : excludeSystemEvents(),
      accept: (event) => {
        const streamId = this.ourStreamId(event);
        return streamId !== undefined && streamId.startsWith(options.streamPrefix ?? '') ? toStoredEvent(event, streamId) : undefined;
      },
      resubscribe: this.options.resubscribe,
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The newest event of ours in $all, read backwards a page at a time past system events. */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.reader.all(from, this.pageSize, BACKWARDS);
      const newest = page.find((event) => this.ourStreamId(event) !== undefined);
      if (newest) return positionOf(newest.position) ?? 0;
      const oldest = page[page.length - 1]?.position;
      if (page.length < this.pageSize || !oldest || (typeof from === 'object' && oldest.commit >= from.commit)) return 0;
      from = oldest;
    }
  }

  shared(): SharedStore | undefined {
    if (this.connectionString === undefined) return undefined;
    return { adapter: 'eventstoredb', connectionString: this.connectionString, namespace: this.options.namespace };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private ourStreamId(event: EsdbRecordedEvent): string | undefined {
    if (isSystemEvent(event) || !event.streamId.startsWith(this.namespace)) return undefined;
    return event.streamId.slice(this.namespace.length);
  }
}

const result = (streamId: string, events: StoredEvent[], duplicate: boolean): AppendResult => {
  const last = events[events.length - 1];
  if (!last) throw new Error(`EventStoreDB accepted an append to ${streamId} whose events cannot be read back`);
  return { streamId, version: last.version, position: last.position, duplicate, events };
};
