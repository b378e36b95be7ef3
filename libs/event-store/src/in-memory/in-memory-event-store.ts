import {
  ConcurrencyConflict,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SharedStore,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { assertExpectedVersion, satisfiesExpectedVersion } from '../expected-version';
import { assertStreamId, emptyStreamHead, isUuid, maxEventsPerTransaction, prepareEvents, toStoredEvent } from '../prepared-event';
import { ReadsThroughThePort } from '../stream-reads';
import { InMemorySubscription } from './in-memory-subscription';

/**
 * The port held in memory, for fast unit tests elsewhere: the same numbering, hash chain,
 * idempotency and push delivery as PostgreSQL, positions 1, 2, 3, ... Events are stored as
 * their JSON, so what comes back is what the database would give back.
 */
export class InMemoryEventStore extends ReadsThroughThePort implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly byStream = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly idempotencyKeys = new Map<string, AppendResult>();
  private readonly subscriptions = new Set<InMemorySubscription>();

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamId(streamId);
    assertExpectedVersion(options.expectedVersion);
    if (events.length > maxEventsPerTransaction) throw new RangeError(`One append may carry at most ${maxEventsPerTransaction} events.`);
    // Resolve later, as a real store would; everything below runs without interruption, so it is atomic.
    await Promise.resolve();
    const key = options.idempotencyKey;
    const first = key === undefined ? undefined : this.idempotencyKeys.get(key);
    if (first) return { ...first, duplicate: true };
    let stream = this.byStream.get(streamId);
    if (!stream) this.byStream.set(streamId, (stream = []));
    const last = stream[stream.length - 1];
    const head = last ? { version: last.version, hash: last.hash } : emptyStreamHead;
    if (!satisfiesExpectedVersion(options.expectedVersion, head.version))
      throw new ConcurrencyConflict(streamId, options.expectedVersion, head.version);
    if (events.length === 0) return { streamId, version: head.version, position: 0, duplicate: false, events: [] };
    const prepared = prepareEvents(streamId, events, head, new Date().toISOString());
    const ids = prepared.map((event) => event.eventId.toLowerCase());
    for (const id of ids) {
      if (!isUuid(id)) throw new TypeError(`Event id ${id} is not a UUID.`);
      if (this.eventIds.has(id) || ids.indexOf(id) !== ids.lastIndexOf(id))
        throw new Error(`An event with id ${id} is already stored; event ids must be unique.`);
    }
    const stored = prepared.map((event, i) => ({
      ...toStoredEvent(event, this.log.length + i + 1),
      eventId: ids[i],
      data: JSON.parse(event.dataJson) as unknown,
      metadata: JSON.parse(event.metadataJson) as Record<string, unknown>,
    }));
    this.log.push(...stored);
    stream.push(...stored);
    ids.forEach((id) => this.eventIds.add(id));
    const result: AppendResult = {
      streamId,
      version: stored[stored.length - 1].version,
      position: stored[stored.length - 1].position,
      duplicate: false,
      events: stored,
    };
    if (key !== undefined) this.idempotencyKeys.set(key, result);
    for (const subscription of this.subscriptions) subscription.poke();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const from = Math.max(1, options.fromVersion ?? 1);
    const stream = this.byStream.get(streamId) ?? [];
    return stream.slice(from - 1, options.maxCount === undefined ? undefined : from - 1 + options.maxCount);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    return this.log.slice(after, after + (options.maxCount ?? 1000));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new InMemorySubscription(this.log, options, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  /** Held in this process's memory: another thread cannot open it. */
  shared(): SharedStore | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }
}
