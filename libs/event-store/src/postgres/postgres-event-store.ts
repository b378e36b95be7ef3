import type { Pool } from 'pg';
import { connectionStringOf } from '@workwell/database';
import {
  ConcurrencyConflict,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadPagesOptions,
  type ReadStreamOptions,
  type ReadStreamsOptions,
  type SharedStore,
  type StoredEvent,
  type StreamOfEvents,
  type StreamRange,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { assertStreamId, emptyStreamHead, maxEventsPerTransaction, prepareEvents, toStoredEvent, type StreamHead } from '../prepared-event';
import { StreamHeadCache } from '../stream-head-cache';
import { assertExpectedVersion, satisfiesExpectedVersion } from '../expected-version';
import { PostgresAppendWriter } from './postgres-append-writer';
import { PostgresChangeNotifier } from './postgres-change-notifier';
import { isUniqueViolation, mapError } from './postgres-errors';
import {
  headPositionQuery,
  estimatedEventsQuery,
  idempotencyKeyQuery,
  latestRecordedAtQuery,
  readAllQuery,
  readStreamQuery,
  streamHeadQuery,
  toPosition,
  toStoredEvents,
} from './postgres-event-store.queries';
import { PostgresSubscription, type PostgresSubscriptionSettings } from './postgres-subscription';
import { pagesThroughReadAll } from '../stream-reads';
import { streamRanges } from './stream-ranges';
import { streamsInOrder } from './streams-in-order';

export interface PostgresEventStoreOptions {
  /** Stream heads remembered so that most appends take one round trip (default 10,000). */
  readonly streamHeadCacheSize?: number;
  /** Append statements running at once; appends arriving meanwhile are coalesced (default 4). */
  readonly maxConcurrentAppends?: number;
  /** Upper bound on the events of one coalesced statement (default 2,000). */
  readonly maxCoalescedEvents?: number;
  /** At most one NOTIFY per this many ms; subscribers in this process are woken at once regardless (default 5). */
  readonly notifyIntervalMs?: number;
  /** Server-side limit for the store's own connections sitting idle in a transaction (default 30 s). */
  readonly idleInTransactionTimeoutMs?: number;
  readonly subscriptions?: Partial<Omit<PostgresSubscriptionSettings, 'connection'>>;
}

/** The `options` connection parameter that makes the server end sessions idle in a transaction for too long. */
export const idleInTransactionTimeoutOption = (timeoutMs: number): string =>
  `-c idle_in_transaction_session_timeout=${Math.round(timeoutMs)}`;

const defaultReadAllCount = 1000;
const maxAnyRetries = 5;

/**
 * The default event store. The pool belongs to the caller (close it after `close()`); the
 * store adds one connection per subscription. See the queries for the gap-free order and
 * the schema for positions and immutability.
 */
export class PostgresEventStore implements EventStore {
  private readonly heads: StreamHeadCache;
  private readonly writer: PostgresAppendWriter;
  private readonly notifier: PostgresChangeNotifier;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly subscriptionSettings: PostgresSubscriptionSettings;
  readonly idleInTransactionTimeoutMs: number;

  constructor(
    readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.heads = new StreamHeadCache(options.streamHeadCacheSize ?? 10_000);
    this.writer = new PostgresAppendWriter(pool, options.maxConcurrentAppends ?? 4, options.maxCoalescedEvents ?? 2_000);
    this.notifier = new PostgresChangeNotifier(pool, options.notifyIntervalMs ?? 5);
    this.idleInTransactionTimeoutMs = options.idleInTransactionTimeoutMs ?? 30_000;
    const serverOptions = [pool.options.options, idleInTransactionTimeoutOption(this.idleInTransactionTimeoutMs)].filter(Boolean).join(' ');
    this.subscriptionSettings = {
      heldBackRecheckMs: 1_000,
      idleRecheckMs: 30_000,
      reconnectMinMs: 100,
      reconnectMaxMs: 5_000,
      ...options.subscriptions,
      connection: { ...pool.options, options: serverOptions, application_name: 'workwell-event-store-subscription', keepAlive: true },
    };
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamId(streamId);
    assertExpectedVersion(options.expectedVersion);
    if (events.length > maxEventsPerTransaction) throw new RangeError(`One append may carry at most ${maxEventsPerTransaction} events.`);
    try {
      for (let attempt = 1; ; attempt++) {
        let { head, cached } = await this.headFor(streamId, options.expectedVersion, attempt > 1);
        if (!satisfiesExpectedVersion(options.expectedVersion, head.version) && cached)
          ({ head, cached } = await this.headFor(streamId, options.expectedVersion, true));
        if (!satisfiesExpectedVersion(options.expectedVersion, head.version))
          return await this.conflictOrDuplicate(streamId, options, head.version);
        if (events.length === 0) return { streamId, version: head.version, position: 0, duplicate: false, events: [] };
        const prepared = prepareEvents(streamId, events, head, new Date().toISOString());
        let positions: number[];
        try {
          positions = await this.writer.write({ streamId, events: prepared, idempotencyKey: options.idempotencyKey });
        } catch (error) {
          if (options.idempotencyKey !== undefined && isUniqueViolation(error, 'event_idempotency_keys_pkey')) {
            return await this.conflictOrDuplicate(streamId, options, head.version);
          }
          if (!isUniqueViolation(error, 'events_stream_version_key')) throw error;
          // Someone else appended first; with 'any' or 'stream_exists' our head was merely stale.
          this.heads.forget(streamId);
          const retry = (options.expectedVersion === 'any' || options.expectedVersion === 'stream_exists') && attempt < maxAnyRetries;
          if (!retry) return await this.conflictOrDuplicate(streamId, options, (await this.readHead(streamId)).version);
          continue;
        }
        const last = prepared[prepared.length - 1];
        this.heads.set(streamId, { version: last.version, hash: last.hash });
        this.committed();
        return {
          streamId,
          version: last.version,
          position: positions[positions.length - 1],
          duplicate: false,
          events: prepared.map((e, i) => toStoredEvent(e, positions[i])),
        };
      }
    } catch (error) {
      throw mapError(error, `appending to ${streamId}`);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const maxCount = options.maxCount ?? null;
    if (maxCount !== null && (!Number.isInteger(maxCount) || maxCount < 1)) throw new RangeError('maxCount must be a positive integer.');
    try {
      const { rows } = await this.pool.query<unknown[]>(readStreamQuery(streamId, Math.max(1, options.fromVersion ?? 1), maxCount));
      const events = toStoredEvents(rows);
      // Read to the end: the last event is the head a command will append after.
      const last = events[events.length - 1];
      if (last && (maxCount === null || events.length < maxCount)) this.heads.set(streamId, { version: last.version, hash: last.hash });
      return events;
    } catch (error) {
      throw mapError(error, `reading ${streamId}`);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const maxCount = options.maxCount ?? defaultReadAllCount;
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError('maxCount must be a positive integer.');
    try {
      const { rows } = await this.pool.query<unknown[]>(readAllQuery(options.after ?? 0, maxCount));
      return toStoredEvents(rows);
    } catch (error) {
      throw mapError(error, 'reading all events');
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new PostgresSubscription(options, this.subscriptionSettings, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ position: string }>(headPositionQuery());
      return toPosition(rows[0].position);
    } catch (error) {
      throw mapError(error, 'reading the head position');
    }
  }

  streams(options: ReadStreamsOptions): AsyncIterable<StreamOfEvents> {
    return this.mapped(streamsInOrder(this.pool, options), 'reading streams in order');
  }

  pages(options: ReadPagesOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    return pagesThroughReadAll(this, options);
  }

  async streamRanges(prefix: string, parts: number): Promise<StreamRange[]> {
    try {
      return await streamRanges(this.pool, prefix, parts);
    } catch (error) {
      throw mapError(error, 'splitting the streams into ranges');
    }
  }

  async latestRecordedAt(upToPosition: number): Promise<string | null> {
    try {
      const { rows } = await this.pool.query<{ at: string | null }>(latestRecordedAtQuery(upToPosition));
      return rows[0]?.at ?? null;
    } catch (error) {
      throw mapError(error, 'reading the latest recording time');
    }
  }

  /** The planner's estimate (kept by ANALYZE, which autovacuum runs); undefined before the first. */
  async estimatedEvents(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ estimate: string }>(estimatedEventsQuery());
    const estimate = Number(rows[0]?.estimate ?? 0);
    return estimate > 0 ? estimate : undefined;
  }

  shared(): SharedStore | undefined {
    const url = connectionStringOf(this.pool);
    return url === undefined ? undefined : { adapter: 'postgres', url };
  }

  /** Closes the subscriptions; the pool stays open for its owner. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  /** Wakes subscribers here and, through NOTIFY, in other processes. For writers outside `append` (the bulk importer). */
  committed(): void {
    for (const subscription of this.subscriptions) subscription.poke();
    this.notifier.committed();
  }

  private async *mapped<T>(source: AsyncGenerator<T>, what: string): AsyncGenerator<T> {
    try {
      yield* source;
    } catch (error) {
      throw mapError(error, what);
    }
  }

  private async headFor(streamId: string, expected: ExpectedVersion, fresh: boolean): Promise<{ head: StreamHead; cached: boolean }> {
    const known = fresh ? undefined : this.heads.get(streamId);
    // A new stream needs no read: if it exists after all, the unique (stream, version) key says so.
    if (!known && !fresh && (expected === 'no_stream' || expected === 0)) return { head: emptyStreamHead, cached: true };
    if (known && (typeof expected !== 'number' || known.version === expected)) return { head: known, cached: true };
    return { head: await this.readHead(streamId), cached: false };
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const { rows } = await this.pool.query<{ version: number; hash: string }>(streamHeadQuery(streamId));
    if (rows.length === 0) return emptyStreamHead;
    const head = { version: rows[0].version, hash: rows[0].hash };
    this.heads.set(streamId, head);
    return head;
  }

  /** A retried command gets its first result back; anything else that does not fit is a conflict. */
  private async conflictOrDuplicate(streamId: string, options: AppendOptions, actual: number): Promise<AppendResult> {
    if (options.idempotencyKey !== undefined) {
      const { rows } = await this.pool.query<{ stream_id: string; first_version: number; last_version: number; last_position: string }>(
        idempotencyKeyQuery(options.idempotencyKey),
      );
      if (rows.length > 0) {
        const first = rows[0];
        const events = await this.readStream(first.stream_id, {
          fromVersion: first.first_version,
          maxCount: first.last_version - first.first_version + 1,
        });
        return {
          streamId: first.stream_id,
          version: first.last_version,
          position: toPosition(first.last_position),
          duplicate: true,
          events,
        };
      }
    }
    throw new ConcurrencyConflict(streamId, options.expectedVersion, actual);
  }
}
