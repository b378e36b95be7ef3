import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../event-store.port';
import { collect, eventually, newEvents } from './contract-helpers';
import type { ContractContext } from './event-store.contract';

const positions = (events: readonly StoredEvent[]): number[] => events.map((e) => e.position);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const describeSubscriptionContract = ({ store, newStreamId }: ContractContext): void => {
  describe('subscribeToAll', () => {
    it('catches up, then receives new events as they are appended, once each and in order', async () => {
      const prefix = `sub-${randomUUID()}-`;
      const early = await store().append(`${prefix}1`, newEvents(3), { expectedVersion: 'no_stream' });
      const collector = collect(store(), { streamPrefix: prefix });
      try {
        await collector.received(3);
        const later = [
          await store().append(`${prefix}2`, newEvents(2), { expectedVersion: 'no_stream' }),
          await store().append(`${prefix}1`, newEvents(1), { expectedVersion: 3 }),
        ];
        const events = await collector.received(6);
        expect(positions(events)).toEqual(positions([...early.events, ...later.flatMap((r) => r.events)]));
        await eventually(() => expect(collector.subscription.position).toBe(later[1].position));
        expect(collector.errors).toEqual([]);
      } finally {
        await collector.subscription.close();
      }
    });

    it('delivers only streams with the prefix, in batches no larger than batchSize', async () => {
      const prefix = `batch-${randomUUID()}-`;
      await store().append(`${prefix}a`, newEvents(7), { expectedVersion: 'no_stream' });
      await store().append(newStreamId('elsewhere'), newEvents(2), { expectedVersion: 'no_stream' });
      const last = await store().append(`${prefix}b`, newEvents(1), { expectedVersion: 'no_stream' });
      const collector = collect(store(), { streamPrefix: prefix, batchSize: 3 });
      try {
        const events = await collector.received(8);
        expect(events.every((e) => e.streamId.startsWith(prefix))).toBe(true);
        expect(collector.batches.every((batch) => batch.length <= 3)).toBe(true);
        expect(events.map((e) => `${e.streamId.slice(prefix.length)}${e.version}`)).toEqual([
          'a1',
          'a2',
          'a3',
          'a4',
          'a5',
          'a6',
          'a7',
          'b1',
        ]);
        expect(events[7].position).toBe(last.position);
      } finally {
        await collector.subscription.close();
      }
    });

    it('starts after the given position', async () => {
      const prefix = `after-${randomUUID()}-`;
      const first = await store().append(`${prefix}s`, newEvents(4), { expectedVersion: 'no_stream' });
      const collector = collect(store(), { streamPrefix: prefix, after: first.events[1].position });
      try {
        expect((await collector.received(2)).map((e) => e.version)).toEqual([3, 4]);
        await sleep(100);
        expect(collector.events).toHaveLength(2);
      } finally {
        await collector.subscription.close();
      }
    });

    it('serves several subscribers, and a closed one receives nothing more', async () => {
      const prefix = `close-${randomUUID()}-`;
      const one = collect(store(), { streamPrefix: prefix });
      const two = collect(store(), { streamPrefix: prefix });
      try {
        await store().append(`${prefix}s`, newEvents(2), { expectedVersion: 'no_stream' });
        await Promise.all([one.received(2), two.received(2)]);
        await one.subscription.close();
        await store().append(`${prefix}s`, newEvents(3), { expectedVersion: 2 });
        await two.received(5);
        await sleep(100);
        expect(one.events).toHaveLength(2);
        expect(positions(two.events.slice(0, 2))).toEqual(positions(one.events));
      } finally {
        await Promise.all([one.subscription.close(), two.subscription.close()]);
      }
    });

    it('stops and reports once when the handler fails', async () => {
      const prefix = `fail-${randomUUID()}-`;
      let calls = 0;
      const collector = collect(store(), {
        streamPrefix: prefix,
        onEvents: async () => {
          calls++;
          throw new Error('projection broke');
        },
      });
      try {
        await store().append(`${prefix}s`, newEvents(1), { expectedVersion: 'no_stream' });
        await eventually(() => expect(collector.errors.map((e) => e.message)).toEqual(['projection broke']));
        await store().append(`${prefix}s`, newEvents(1), { expectedVersion: 1 });
        await sleep(100);
        expect(calls).toBe(1);
        expect(collector.events).toEqual([]);
      } finally {
        await collector.subscription.close();
      }
    });
  });
};
