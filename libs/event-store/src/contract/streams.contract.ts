import { randomUUID } from 'node:crypto';
import type { EventStore, ReadStreamsOptions, StoredEvent, StreamOfEvents } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { newEvent, newEvents, readable } from './contract-helpers';
import type { ContractContext } from './event-store.contract';

const collected = async (store: EventStore, options: ReadStreamsOptions): Promise<StreamOfEvents[]> => {
  const streams: StreamOfEvents[] = [];
  for await (const stream of store.streams(options)) streams.push(stream);
  return streams;
};

const shape = (streams: readonly StreamOfEvents[], prefix: string) =>
  streams.map((stream) => [stream.streamId.slice(prefix.length), stream.events.map((event) => event.version)]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reads replays, rebuilds, exports and verification make: every stream in order, and every event in pages. */
export const describeStreamsContract = ({ store }: ContractContext): void => {
  describe('streams', () => {
    let prefix: string;
    let middle: { position: number; recordedAt: string };

    beforeAll(async () => {
      prefix = `streams-${randomUUID()}-`;
      await store().append(`${prefix}b`, newEvents(3), { expectedVersion: 'no_stream' });
      await store().append(`${prefix}a`, newEvents(2), { expectedVersion: 'no_stream' });
      await store().append(`other-${prefix}`, newEvents(2), { expectedVersion: 'no_stream' });
      const last = await store().append(`${prefix}c`, [newEvent('Other', { n: 1 })], { expectedVersion: 'no_stream' });
      middle = { position: last.position, recordedAt: last.events[0].recordedAt };
      // The next append is recorded at a later millisecond, so that a recorded-time cut can fall between them.
      await pause(5);
      const newest = await store().append(`${prefix}a`, newEvents(2), { expectedVersion: 2 });
      await readable(store(), newest.position);
    });

    it('gives every stream with the prefix whole, in stream then version order, with progress', async () => {
      const progress: number[] = [];
      const streams = await collected(store(), { prefix, fetchSize: 2, onRead: (read) => progress.push(read.events) });
      expect(shape(streams, prefix)).toEqual([
        ['a', [1, 2, 3, 4]],
        ['b', [1, 2, 3]],
        ['c', [1]],
      ]);
      expect(progress.at(-1)).toBe(8);
      const [first] = streams[0].events;
      const [stored] = await store().readStream(`${prefix}a`, { maxCount: 1 });
      const { hash: _hash, previousHash: _previousHash, ...withoutHashes } = stored;
      expect(first).toEqual(withoutHashes);
      expect(first).toMatchObject({ streamId: `${prefix}a`, version: 1, type: 'Counted', data: { n: 1 } });
      expect(first.hash).toBeUndefined();
    });

    it('cuts every stream at a position or a recorded time, to the prefix known then', async () => {
      const byPosition = await collected(store(), { prefix, knownAt: { position: middle.position } });
      expect(shape(byPosition, prefix)).toEqual([
        ['a', [1, 2]],
        ['b', [1, 2, 3]],
        ['c', [1]],
      ]);
      expect(shape(await collected(store(), { prefix, knownAt: { recordedAt: middle.recordedAt } }), prefix)).toEqual(
        shape(byPosition, prefix),
      );
      const beforeAnything = await collected(store(), { prefix, knownAt: { position: 0 } });
      expect(beforeAnything).toEqual([]);
    });

    it('gives data, metadata, ids and hashes only as asked', async () => {
      const [none] = await collected(store(), { prefix: `${prefix}c`, metadata: 'none' });
      expect(none.events[0].metadata).toEqual({});
      const [actor] = await collected(store(), { prefix: `${prefix}c`, metadata: 'actor' });
      expect(actor.events[0].metadata).toEqual({ actor: 'coach-7' });
      const [actorOfOthers] = await collected(store(), { prefix: `${prefix}c`, metadata: 'actor', metadataOf: ['Counted'] });
      expect(actorOfOthers.events[0].metadata).toEqual({});
      const [slim] = await collected(store(), { prefix: `${prefix}b`, eventIds: false, dataOf: [] });
      expect(slim.events[0]).toMatchObject({ eventId: '', data: null, type: 'Counted', version: 1 });
      const [hashed] = await collected(store(), { prefix: `${prefix}b`, hashes: true });
      expect(hashed.events[0].previousHash).toBeNull();
      hashed.events.forEach((event, i) => {
        expect(chainHash(event.previousHash!, event as StoredEvent)).toBe(event.hash);
        if (i > 0) expect(event.previousHash).toBe(hashed.events[i - 1].hash);
      });
    });

    it('splits the streams into ranges that together cover each once, in order', async () => {
      const every = (await collected(store(), { prefix })).map((stream) => stream.streamId);
      for (const parts of [1, 2, 3]) {
        const ranges = await store().streamRanges(prefix, parts);
        expect(ranges.length).toBeGreaterThanOrEqual(1);
        expect(ranges.length).toBeLessThanOrEqual(parts);
        const read = [];
        for (const range of ranges) read.push(...(await collected(store(), { prefix, range })).map((stream) => stream.streamId));
        expect(read).toEqual(every);
      }
    });

    it('reads only the streams named, in stream-id order, cut as asked, leaving out those that do not exist', async () => {
      const named = await collected(store(), {
        prefix,
        ids: [`${prefix}c`, `${prefix}a`, `${prefix}absent`, `other-${prefix}`, `${prefix}a`, `${prefix}quote"back\\slash`],
        knownAt: { position: middle.position },
      });
      expect(shape(named, prefix)).toEqual([
        ['a', [1, 2]],
        ['c', [1]],
      ]);
      expect(named[1].events[0]).toMatchObject({ type: 'Other', data: { n: 1 } });
      expect(await collected(store(), { prefix, ids: [] })).toEqual([]);
      const inRange = await collected(store(), { prefix, ids: [`${prefix}a`, `${prefix}c`], range: { after: `${prefix}b` } });
      expect(shape(inRange, prefix)).toEqual([['c', [1]]]);
    });

    it('stops reading when the reader stops, and reads again from the start', async () => {
      for await (const stream of store().streams({ prefix, fetchSize: 1 })) {
        expect(stream.streamId).toBe(`${prefix}a`);
        break;
      }
      expect(await collected(store(), { prefix })).toHaveLength(3);
    });
  });

  describe('pages and the latest recording time', () => {
    it('pages through every event in global order, from and up to a position', async () => {
      const stream = `pages-${randomUUID()}`;
      const after = await store().headPosition();
      const first = await store().append(stream, newEvents(3), { expectedVersion: 'no_stream' });
      const last = await store().append(stream, newEvents(2), { expectedVersion: 3 });
      await readable(store(), last.position);
      const read: StoredEvent[] = [];
      const sizes: number[] = [];
      for await (const page of store().pages({ after, pageSize: 2 })) {
        sizes.push(page.length);
        read.push(...page);
      }
      expect(read.filter((event) => event.streamId === stream).map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
      read.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(read[i].position));
      const upTo: StoredEvent[] = [];
      for await (const page of store().pages({ after, upTo: first.position })) upTo.push(...page);
      expect(upTo.filter((event) => event.streamId === stream).map((event) => event.version)).toEqual([1, 2, 3]);
      expect(upTo.every((event) => event.position <= first.position)).toBe(true);
    });

    it('knows the newest recording time at or below a position', async () => {
      const appended = await store().append(`recorded-${randomUUID()}`, newEvents(1), { expectedVersion: 'no_stream' });
      await readable(store(), appended.position);
      const latest = await store().latestRecordedAt(appended.position);
      expect(latest).not.toBeNull();
      expect(Date.parse(latest!)).toBeGreaterThanOrEqual(Date.parse(appended.events[0].recordedAt));
      expect(await store().latestRecordedAt(0)).toBeNull();
    });
  });
};
