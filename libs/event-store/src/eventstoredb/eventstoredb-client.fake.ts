import { randomUUID } from 'node:crypto';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type Filter,
  type JSONEventData,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import type { EsdbClient, EsdbRecordedEvent, EsdbResolvedEvent, EsdbSubscription } from './eventstoredb-client.port';

type Call = { readonly method: string; readonly stream?: string; readonly maxCount?: number; readonly options: unknown };

const matches = (filter: Filter, event: EsdbRecordedEvent): boolean => {
  const field = filter.filterOn === 'streamName' ? event.streamId : event.type;
  return 'prefixes' in filter ? filter.prefixes.some((prefix) => field.startsWith(prefix)) : new RegExp(filter.regex).test(field);
};

/** A push-fed async iterable, like the client's subscription stream. */
export class FakeSubscription implements EsdbSubscription {
  private readonly queue: EsdbResolvedEvent[] = [];
  private waiting: { resolve: (r: IteratorResult<EsdbResolvedEvent>) => void; reject: (e: Error) => void } | undefined;
  private error: Error | undefined;
  ended = false;

  constructor(
    readonly from: ReadPosition,
    readonly filter: Filter,
  ) {}

  push(event: EsdbRecordedEvent): void {
    if (this.ended || this.error) return;
    if (this.waiting) this.waiting.resolve({ value: { event }, done: false });
    else this.queue.push({ event });
    this.waiting = undefined;
  }

  /** What a dropped connection or leader failover looks like: the stream errors. */
  fail(error: Error): void {
    this.error = error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  async unsubscribe(): Promise<void> {
    this.ended = true;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<EsdbResolvedEvent> {
    return {
      next: () => {
        const value = this.queue.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (this.error) return Promise.reject(this.error);
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
    };
  }
}

/**
 * A hand-written stand-in for EventStoreDBClient: streams, a $all log with byte-offset
 * positions, expected-revision checks and the server's idempotent-append rule. Reads from a
 * position include the event at it, as the server's do.
 */
export class FakeEsdbClient implements EsdbClient {
  readonly streams = new Map<string, EsdbRecordedEvent[]>();
  readonly log: EsdbRecordedEvent[] = [];
  readonly calls: Call[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  /** Runs once, just before the next append is checked: a concurrent writer sneaking in. */
  beforeNextAppend: (() => Promise<void> | void) | undefined;
  disposed = false;
  private offset = 1_000n;

  async appendToStream(
    stream: string,
    events: JSONEventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    this.calls.push({ method: 'appendToStream', stream, options });
    const hook = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    await hook?.();
    const existing = this.streams.get(stream) ?? [];
    const expected = options.expectedRevision;
    const at = expected === NO_STREAM ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : undefined;
    const already = at === undefined ? [] : existing.slice(at, at + events.length);
    if (already.length === events.length && already.every((e, i) => e.id === events[i].id)) {
      return { success: true, nextExpectedRevision: BigInt(at! + events.length - 1), position: already[already.length - 1].position };
    }
    const ok =
      expected === ANY ||
      (expected === NO_STREAM
        ? existing.length === 0
        : expected === STREAM_EXISTS
          ? existing.length > 0
          : existing.length - 1 === Number(expected));
    if (!ok)
      throw new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected,
        current: existing.length === 0 ? NO_STREAM : BigInt(existing.length - 1),
      });
    // As the server does: an event id that is not a UUID fails the whole append.
    const notUuid = events.find(
      (event) => event.id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(event.id),
    );
    if (notUuid) throw new Error(`Invalid event id ${notUuid.id}: not a UUID`);
    for (const event of events) this.write(stream, event.type, event.data, event.metadata, event.id);
    const stored = this.streams.get(stream)!;
    return { success: true, nextExpectedRevision: BigInt(stored.length - 1), position: stored[stored.length - 1].position };
  }

  /** Writes without any checks, e.g. system events or another application's events. */
  write(stream: string, type: string, data: unknown, metadata: unknown, id: string = randomUUID()): EsdbRecordedEvent {
    const events = this.streams.get(stream) ?? [];
    this.offset += BigInt(120 + JSON.stringify(data ?? null).length);
    const position: Position = { commit: this.offset, prepare: this.offset };
    const clone = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    const event: EsdbRecordedEvent = {
      streamId: stream,
      id,
      revision: BigInt(events.length),
      type,
      data: clone(data),
      metadata: clone(metadata),
      isJson: true,
      created: new Date(0),
      position,
    };
    events.push(event);
    this.streams.set(stream, events);
    this.log.push(event);
    for (const subscription of this.subscriptions) if (matches(subscription.filter, event)) subscription.push(event);
    return event;
  }

  readStream(
    stream: string,
    options: { fromRevision: bigint | 'start' | 'end'; maxCount: number; direction: 'forwards' | 'backwards' },
  ): AsyncIterable<EsdbResolvedEvent> {
    this.calls.push({ method: 'readStream', stream, maxCount: options.maxCount, options });
    const events = this.streams.get(stream);
    const { fromRevision, maxCount, direction } = options;
    return (async function* () {
      if (!events) throw new StreamNotFoundError(undefined, stream);
      const ordered = direction === 'forwards' ? events : [...events].reverse();
      const from =
        fromRevision === 'start' || fromRevision === 'end'
          ? 0
          : ordered.findIndex((e) => (direction === 'forwards' ? e.revision >= fromRevision : e.revision <= fromRevision));
      if (from < 0) return;
      for (const event of ordered.slice(from, from + maxCount)) yield { event };
    })();
  }

  readAll(options: {
    fromPosition: ReadPosition;
    maxCount: number;
    direction: 'forwards' | 'backwards';
  }): AsyncIterable<EsdbResolvedEvent> {
    this.calls.push({ method: 'readAll', maxCount: options.maxCount, options });
    const { fromPosition, maxCount, direction } = options;
    const ordered = direction === 'forwards' ? [...this.log] : [...this.log].reverse();
    const from =
      typeof fromPosition === 'object'
        ? ordered.findIndex((e) =>
            direction === 'forwards' ? e.position!.commit >= fromPosition.commit : e.position!.commit <= fromPosition.commit,
          )
        : 0;
    return (async function* () {
      if (from < 0) return;
      for (const event of ordered.slice(from, from + maxCount)) yield { event };
    })();
  }

  subscribeToAll(options: { fromPosition: ReadPosition; filter: Filter }): FakeSubscription {
    this.calls.push({ method: 'subscribeToAll', options });
    const subscription = new FakeSubscription(options.fromPosition, options.filter);
    // Catch-up, like the server: everything after the position (the fake includes the event at it, to prove the adapter drops it).
    const from = options.fromPosition;
    for (const event of this.log) {
      const after = typeof from !== 'object' || event.position!.commit >= from.commit;
      if (after && matches(options.filter, event)) subscription.push(event);
    }
    this.subscriptions.push(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
