import type { NewEvent, StoredEvent, Subscription } from '../event-store.port';
import { FakeEsdbClient } from './eventstoredb-client.fake';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const events = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'CoachingSessionHeld', schemaVersion: 1, data: { i }, metadata: {} }));
const unavailable = () => Object.assign(new Error('14 UNAVAILABLE: leader changed'), { type: 'unavailable' });

const until = async (condition: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

const setup = async () => {
  const client = new FakeEsdbClient();
  const store = new EventStoreDbEventStore(client, { resubscribe: { initialDelayMs: 1, maxDelayMs: 1, attempts: 3 } });
  const batches: StoredEvent[][] = [];
  const positions = () => batches.flat().map((e) => e.position);
  return { client, store, batches, positions };
};

describe('EventStoreDbEventStore subscribeToAll', () => {
  let subscription: Subscription | undefined;
  afterEach(() => subscription?.close());

  it('catches up and then goes live, in order, in batches, with only the streams asked for', async () => {
    const { client, store, batches, positions } = await setup();
    await store.append('participant-1', events(5), { expectedVersion: 'no_stream' });
    await store.append('site-leeds', events(1), { expectedVersion: 'no_stream' });
    client.write('$stats-127.0.0.1:2113', '$statsCollected', {}, {});
    subscription = store.subscribeToAll({
      streamPrefix: 'participant-',
      batchSize: 2,
      onEvents: async (batch) => void batches.push([...batch]),
    });
    await until(() => positions().length === 5, 'catch-up');
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);

    const live = await store.append('participant-2', events(3), { expectedVersion: 'no_stream' });
    await until(() => positions().length === 8, 'live events');
    expect(positions()).toEqual(client.log.filter((e) => e.streamId.startsWith('participant-')).map((e) => Number(e.position!.commit)));
    expect(subscription.position).toBe(live.position);
    expect(client.subscriptions[0].filter).toMatchObject({ filterOn: 'streamName', prefixes: ['participant-'] });
  });

  it('starts after the given position and excludes system events without a prefix', async () => {
    const { client, store, positions } = await setup();
    const first = await store.append('participant-1', events(3), { expectedVersion: 'no_stream' });
    client.write('$settings', '$settings', {}, {});
    const from = first.events[1].position;
    const seen: number[] = [];
    subscription = store.subscribeToAll({ after: from, onEvents: async (batch) => void seen.push(...batch.map((e) => e.position)) });
    await until(() => seen.length === 1, 'the event after the position');
    expect(seen).toEqual([first.events[2].position]);
    expect(client.calls.find((c) => c.method === 'subscribeToAll')?.options).toMatchObject({
      fromPosition: { commit: BigInt(from), prepare: BigInt(from) },
    });
    expect(client.subscriptions[0].filter).toMatchObject({ filterOn: 'eventType' });
    expect(positions()).toEqual([]);
  });

  it('resubscribes from the last delivered position after a leader failover, with no gap and no duplicate', async () => {
    const { client, store, positions, batches } = await setup();
    await store.append('participant-1', events(4), { expectedVersion: 'no_stream' });
    subscription = store.subscribeToAll({ onEvents: async (batch) => void batches.push([...batch]) });
    await until(() => positions().length === 4, 'catch-up');
    client.subscriptions[0].fail(unavailable());
    await store.append('participant-1', events(2), { expectedVersion: 4 });
    await until(() => positions().length === 6, 'events after the failover');
    const resubscribe = client.calls.filter((c) => c.method === 'subscribeToAll')[1];
    expect(resubscribe.options).toMatchObject({ fromPosition: { commit: BigInt(positions()[3]) } });
    expect(positions()).toEqual(client.log.map((e) => Number(e.position!.commit)));
  });

  it('stops and reports once when the handler fails, when the error is not transient, or when retries run out', async () => {
    const alwaysUnavailable = (client: FakeEsdbClient) => {
      const subscribe = client.subscribeToAll.bind(client);
      client.subscribeToAll = (options) => {
        const resubscribed = subscribe(options);
        resubscribed.fail(unavailable());
        return resubscribed;
      };
      client.subscriptions[0].fail(unavailable());
    };
    const cases: [string, () => Promise<void>, (client: FakeEsdbClient) => void][] = [
      ['handler', () => Promise.reject(new Error('projection bug')), () => undefined],
      [
        'access denied',
        async () => undefined,
        (c) => c.subscriptions[0].fail(Object.assign(new Error('access denied'), { type: 'access-denied' })),
      ],
      ['outage', async () => undefined, alwaysUnavailable],
    ];
    for (const [name, onEvents, breakIt] of cases) {
      const { client, store } = await setup();
      await store.append('participant-1', events(1), { expectedVersion: 'no_stream' });
      const errors: Error[] = [];
      subscription = store.subscribeToAll({ onEvents, onError: (error) => errors.push(error) });
      breakIt(client);
      await until(() => errors.length > 0, `the error (${name})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toHaveLength(1);
      expect(client.subscriptions.every((s) => s.ended)).toBe(true);
      if (name === 'outage') expect(client.subscriptions).toHaveLength(4);
    }
  });

  it('closes from outside or from inside the handler, and delivers nothing afterwards', async () => {
    const { client, store, positions, batches } = await setup();
    await store.append('participant-1', events(2), { expectedVersion: 'no_stream' });
    const inner: Subscription = store.subscribeToAll({
      batchSize: 1,
      onEvents: async (batch) => {
        batches.push([...batch]);
        await inner.close();
      },
    });
    await until(() => client.subscriptions[0]?.ended === true, 'close from inside');
    expect(positions()).toHaveLength(1);

    subscription = store.subscribeToAll({ onEvents: async () => undefined });
    await subscription.close();
    await store.append('participant-1', events(1), { expectedVersion: 2 });
    await store.close();
    expect(client.subscriptions.every((s) => s.ended)).toBe(true);
    expect(positions()).toHaveLength(1);
  });
});
