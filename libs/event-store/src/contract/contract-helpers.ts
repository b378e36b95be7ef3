import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';

export const newEvent = (type: string, data: unknown = {}, eventId?: string): NewEvent => ({
  eventId,
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'coach-7', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: '2026-03-01T09:30:00.000Z' },
});

export const newEvents = (count: number, type = 'Counted'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i + 1 }));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries an assertion until it passes: reads and subscriptions trail appends by a moment on some adapters. */
export const eventually = async <T>(check: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
};

/** Waits until every event up to `position` can be read in global order. */
export const readable = (store: EventStore, position: number): Promise<void> =>
  eventually(async () => {
    const head = await store.headPosition();
    if (head < position) throw new Error(`head position ${head} has not reached ${position} yet`);
  });

export interface Collector {
  readonly events: StoredEvent[];
  readonly batches: StoredEvent[][];
  readonly errors: Error[];
  readonly subscription: Subscription;
  /** Resolves once at least `count` events have arrived. */
  received(count: number): Promise<StoredEvent[]>;
}

export const collect = (
  store: EventStore,
  options: Omit<SubscribeOptions, 'onEvents'> & Partial<Pick<SubscribeOptions, 'onEvents'>>,
): Collector => {
  const events: StoredEvent[] = [];
  const batches: StoredEvent[][] = [];
  const errors: Error[] = [];
  const subscription = store.subscribeToAll({
    onError: (error) => errors.push(error),
    ...options,
    onEvents: async (batch) => {
      await options.onEvents?.(batch);
      batches.push([...batch]);
      events.push(...batch);
    },
  });
  return {
    events,
    batches,
    errors,
    subscription,
    received: (count) =>
      eventually(() => {
        if (events.length < count) throw new Error(`received ${events.length} of ${count} events`);
        return events;
      }),
  };
};
