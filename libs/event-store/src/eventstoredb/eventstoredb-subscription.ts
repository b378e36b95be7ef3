import { AsyncLocalStorage } from 'node:async_hooks';
import { START, type Filter } from '@eventstore/db-client';
import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';
import type { EsdbClient, EsdbRecordedEvent, EsdbResolvedEvent, EsdbSubscription } from './eventstoredb-client.port';
import { isTransientError } from './eventstoredb-reader';
import { positionOf, toEsdbPosition } from './eventstoredb.mapping';

export interface ResubscribeOptions {
  /** Consecutive failed attempts before giving up and calling onError; reset by each delivered batch. */
  readonly attempts?: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface EventStoreDbSubscriptionSettings extends SubscribeOptions {
  readonly filter: Filter;
  /** The stored event to deliver, or undefined for one that is not ours (system, other namespace or prefix). */
  readonly accept: (event: EsdbRecordedEvent) => StoredEvent | undefined;
  readonly resubscribe?: ResubscribeOptions;
  readonly onClosed?: () => void;
}

class ServerEndedSubscription extends Error {}

const isTransient = (error: unknown): boolean => error instanceof ServerEndedSubscription || isTransientError(error);

/** The subscriber's own failure: never retried here, reported through onError. */
class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('onEvents failed');
  }
}

const insideHandler = new AsyncLocalStorage<EventStoreDbSubscription>();
const idle = Symbol('idle');
const nextTurn = (): Promise<typeof idle> => new Promise((resolve) => setImmediate(() => resolve(idle)));

/**
 * A catch-up subscription to $all that delivers batches in global order and survives a leader
 * failover: it resubscribes from the last delivered position and drops anything at or before
 * it, so a batch is never handed over twice nor skipped.
 */
export class EventStoreDbSubscription implements Subscription {
  private delivered: number;
  private closed = false;
  private current: EsdbSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EsdbClient,
    private readonly settings: EventStoreDbSubscriptionSettings,
  ) {
    this.delivered = settings.after ?? 0;
    this.done = this.run().finally(() => settings.onClosed?.());
  }

  get position(): number {
    return this.delivered;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.current?.unsubscribe().catch(() => undefined);
    // Awaiting the loop from inside onEvents would wait for ourselves.
    if (insideHandler.getStore() !== this) await this.done;
  }

  private async run(): Promise<void> {
    const { attempts = 20, initialDelayMs = 100, maxDelayMs = 5_000 } = this.settings.resubscribe ?? {};
    let failures = 0;
    while (!this.closed) {
      const subscription = this.client.subscribeToAll({
        fromPosition: this.delivered > 0 ? toEsdbPosition(this.delivered) : START,
        filter: this.settings.filter,
      });
      this.current = subscription;
      try {
        await this.pump(subscription, () => (failures = 0));
        if (this.closed) return;
        throw new ServerEndedSubscription('EventStoreDB ended the subscription');
      } catch (error) {
        if (this.closed) return;
        const cause = error instanceof HandlerFailed ? error.cause : error;
        if (error instanceof HandlerFailed || !isTransient(error) || ++failures > attempts) {
          this.closed = true;
          this.settings.onError?.(cause instanceof Error ? cause : new Error(String(cause)));
          return;
        }
        await this.pause(Math.min(maxDelayMs, initialDelayMs * 2 ** (failures - 1)));
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  /**
   * Gathers what the server has already sent into one batch, up to batchSize, and hands it over
   * once nothing more is immediately available; the next batch waits for onEvents to resolve.
   */
  private async pump(subscription: EsdbSubscription, onDelivered: () => void): Promise<void> {
    const batchSize = Math.max(1, this.settings.batchSize ?? 100);
    const iterator = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<EsdbResolvedEvent>> | undefined;
    let lastSeen = this.delivered;
    for (;;) {
      const batch: StoredEvent[] = [];
      let ended = false;
      while (batch.length < batchSize && !this.closed) {
        pending ??= iterator.next();
        const next = batch.length === 0 ? await pending : await Promise.race([pending, nextTurn()]);
        if (next === idle) break;
        pending = undefined;
        if (next.done) {
          ended = true;
          break;
        }
        const event = next.value.event;
        const position = positionOf(event?.position);
        if (!event || position === undefined || position <= lastSeen) continue;
        lastSeen = position;
        const stored = this.settings.accept(event);
        if (stored) batch.push(stored);
      }
      if (this.closed) return;
      if (batch.length > 0) {
        await this.deliver(batch);
        onDelivered();
      }
      if (ended) return;
    }
  }

  /** Backoff before resubscribing, cut short by close(). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async deliver(batch: readonly StoredEvent[]): Promise<void> {
    try {
      await insideHandler.run(this, () => this.settings.onEvents(batch));
    } catch (error) {
      throw new HandlerFailed(error);
    }
    this.delivered = batch[batch.length - 1].position;
  }
}
