import type { StoredEvent } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { newEvent, newEvents, readable } from './contract-helpers';
import type { ContractContext } from './event-store.contract';

const isoMilliseconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const describeReadContract = ({ store, factory, newStreamId }: ContractContext): void => {
  describe('readStream', () => {
    it('pages forwards from a version', async () => {
      const streamId = newStreamId('paged');
      await store().append(streamId, newEvents(10), { expectedVersion: 'no_stream' });
      expect((await store().readStream(streamId, { fromVersion: 4, maxCount: 3 })).map((e) => e.version)).toEqual([4, 5, 6]);
      expect((await store().readStream(streamId, { fromVersion: 9 })).map((e) => e.version)).toEqual([9, 10]);
      expect(await store().readStream(streamId, { fromVersion: 11 })).toEqual([]);
      expect(await store().readStream(newStreamId('absent'))).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('returns every stream in the order appended, page by page', async () => {
      const [a, b] = [newStreamId('all-a'), newStreamId('all-b')];
      const after = await store().headPosition();
      await store().append(a, [newEvent('A1')], { expectedVersion: 'no_stream' });
      await store().append(b, [newEvent('B1'), newEvent('B2')], { expectedVersion: 'no_stream' });
      const last = await store().append(a, [newEvent('A2')], { expectedVersion: 1 });
      await readable(store(), last.position);
      const ours = (events: StoredEvent[]): string[] => events.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.type);
      const all = await store().readAll({ after, maxCount: 10_000 });
      expect(ours(all)).toEqual(['A1', 'B1', 'B2', 'A2']);
      all.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(all[i].position));
      const paged: StoredEvent[] = [];
      for (
        let page = await store().readAll({ after, maxCount: 1 });
        page.length > 0;
        page = await store().readAll({ after: page[0].position, maxCount: 1 })
      ) {
        paged.push(...page);
        if (page[0].position >= last.position) break;
      }
      expect(ours(paged)).toEqual(['A1', 'B1', 'B2', 'A2']);
    });

    it('knows the head position, 0 when empty', async () => {
      const empty = await factory();
      try {
        expect(await empty.store.headPosition()).toBe(0);
        expect(await empty.store.readAll()).toEqual([]);
        const appended = await empty.store.append(newStreamId('first'), newEvents(2), { expectedVersion: 'no_stream' });
        await readable(empty.store, appended.position);
        expect(await empty.store.headPosition()).toBe(appended.position);
      } finally {
        await empty.cleanup();
      }
    });
  });

  describe('what is stored', () => {
    it('chains each event to the previous one of its stream, across appends', async () => {
      const streamId = newStreamId('chain');
      await store().append(streamId, newEvents(2), { expectedVersion: 'no_stream' });
      await store().append(streamId, newEvents(2), { expectedVersion: 2 });
      const events = await store().readStream(streamId);
      expect(events[0].previousHash).toBeNull();
      events.slice(1).forEach((event, i) => expect(event.previousHash).toBe(events[i].hash));
      events.forEach((event) => expect(chainHash(event.previousHash, event)).toBe(event.hash));
    });

    it('round-trips data, metadata and recordedAt exactly, so the hash of what is read back holds', async () => {
      const streamId = newStreamId('round-trip');
      const data = {
        name: 'Zoë Łukasiewicz 🏃‍♀️ 日本語 "quoted" \\ back\nslash\ttab',
        nested: [[1, [2, [3]]], { deep: { deeper: [null, true, false] } }],
        numbers: [1.0, 1e21, 0.1, -2.5e-7, 123456789012345, Number.MAX_SAFE_INTEGER],
        empty: { object: {}, array: [], text: '' },
      };
      const before = Date.now();
      const after = await store().headPosition();
      const appended = await store().append(streamId, [{ ...newEvent('Recorded', data), schemaVersion: 3 }], {
        expectedVersion: 'no_stream',
      });
      const [read] = await store().readStream(streamId);
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(appended.events[0].metadata);
      expect(read.schemaVersion).toBe(3);
      expect(read.recordedAt).toBe(appended.events[0].recordedAt);
      expect(read.recordedAt).toMatch(isoMilliseconds);
      expect(Date.parse(read.recordedAt)).toBeGreaterThanOrEqual(before - 5_000);
      expect(Date.parse(read.recordedAt)).toBeLessThanOrEqual(Date.now() + 5_000);
      expect(chainHash(read.previousHash, read)).toBe(read.hash);
      expect(read.hash).toBe(appended.events[0].hash);
      await readable(store(), appended.position);
      const viaAll = (await store().readAll({ after, maxCount: 10_000 })).find((e) => e.streamId === streamId);
      expect(viaAll).toEqual(read);
    });
  });
};
