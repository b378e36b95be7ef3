import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { newEvents } from '../contract/contract-helpers';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';
import { exportSnapshot, streamRanges } from './stream-ranges';
import { streamsInOrder, type StreamInOrder } from './streams-in-order';

describe('streamsInOrder', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let middle: { position: number; recordedAt: string };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    await store.append('p-b', newEvents(3), { expectedVersion: 'no_stream' });
    await store.append('p-a', newEvents(2), { expectedVersion: 'no_stream' });
    await store.append('q-1', newEvents(2), { expectedVersion: 'no_stream' });
    const last = await store.append('p-c', newEvents(1), { expectedVersion: 'no_stream' });
    middle = { position: last.position, recordedAt: last.events[0].recordedAt };
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.append('p-a', newEvents(2), { expectedVersion: 2 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const all = async (options: Parameters<typeof streamsInOrder>[1]): Promise<StreamInOrder[]> => {
    const streams: StreamInOrder[] = [];
    for await (const stream of streamsInOrder(db.pool, options)) streams.push(stream);
    return streams;
  };
  const shape = (streams: StreamInOrder[]) => streams.map((s) => [s.streamId, s.events.map((e) => e.version)]);

  it('gives the streams with the prefix whole, in stream then version order, across fetches', async () => {
    const progress: number[] = [];
    const streams = await all({ prefix: 'p-', fetchSize: 2, onRead: (p) => progress.push(p.events) });
    expect(shape(streams)).toEqual([
      ['p-a', [1, 2, 3, 4]],
      ['p-b', [1, 2, 3]],
      ['p-c', [1]],
    ]);
    expect(progress.at(-1)).toBe(8);
    expect(streams[0].events[0]).toMatchObject({ streamId: 'p-a', version: 1, type: 'Counted', data: { n: 1 }, schemaVersion: 1 });
    expect(streams[0].events[0].metadata).not.toEqual({});
  });

  it('stops at a position or a recorded time, and leaves metadata out when asked', async () => {
    expect(shape(await all({ prefix: 'p-', upToPosition: middle.position }))).toEqual([
      ['p-a', [1, 2]],
      ['p-b', [1, 2, 3]],
      ['p-c', [1]],
    ]);
    expect(shape(await all({ prefix: 'p-', recordedUpTo: middle.recordedAt }))).toEqual(
      shape(await all({ prefix: 'p-', upToPosition: middle.position })),
    );
    const [first] = await all({ prefix: 'q-', metadata: 'none' });
    expect(first.events[0].metadata).toEqual({});
    const [withActor] = await all({ prefix: 'q-', metadata: 'actor' });
    expect(withActor.events[0].metadata).toEqual({ actor: 'coach-7' });
    expect(withActor.events[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    const [actorOfOthers] = await all({ prefix: 'q-', metadata: 'actor', metadataOf: ['Other'] });
    expect(actorOfOthers.events.map((e) => e.metadata)).toEqual([{}, {}]);
    expect((await all({ prefix: 'q-', metadata: 'actor', metadataOf: ['Counted'] }))[0].events[0].metadata).toEqual({ actor: 'coach-7' });
    await store.append('q-2', [{ ...newEvents(1)[0], metadata: { note: 'no actor' } }], { expectedVersion: 'no_stream' });
    expect((await all({ prefix: 'q-2', metadata: 'actor' }))[0].events[0].metadata).toEqual({ actor: null });
    const [withoutIds] = await all({ prefix: 'q-', eventIds: false, dataOf: [] });
    expect(withoutIds.events[0]).toMatchObject({ eventId: '', data: null, type: 'Counted', version: 1 });
  });

  it('ends its transaction when the reader stops early', async () => {
    for await (const stream of streamsInOrder(db.pool, { prefix: 'p-', fetchSize: 1 })) {
      expect(stream.streamId).toBe('p-a');
      break;
    }
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(rows[0].open).toBe(0);
  });
});

describe('streamRanges and a shared snapshot', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    for (let i = 0; i < 40; i++)
      await store.append(`r-${String(i).padStart(2, '0')}`, newEvents(1 + (i % 3)), { expectedVersion: 'no_stream' });
    await store.append('s-1', newEvents(1), { expectedVersion: 'no_stream' });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const idsIn = async (options: Parameters<typeof streamsInOrder>[1]): Promise<string[]> => {
    const ids: string[] = [];
    for await (const stream of streamsInOrder(db.pool, options)) ids.push(stream.streamId);
    return ids;
  };

  it('splits the ids into ranges that cover every stream once, in order, with or without the planner statistics', async () => {
    const everyId = await idsIn({ prefix: 'r-' });
    expect(everyId).toHaveLength(40);
    for (const analysed of [false, true]) {
      if (analysed) await db.pool.query('ANALYZE events');
      const ranges = await streamRanges(db.pool, 'r-', 4);
      expect(ranges.length).toBeGreaterThanOrEqual(2);
      expect(ranges.length).toBeLessThanOrEqual(4);
      const parts = await Promise.all(ranges.map((range) => idsIn({ prefix: 'r-', range })));
      expect(parts.flat()).toEqual(everyId);
      expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(30);
    }
    expect(await streamRanges(db.pool, 'r-', 1)).toEqual([{}]);
  });

  it('lets parallel readers share one snapshot: what is appended after it stays out of all of them', async () => {
    const snapshot = await exportSnapshot(db.pool);
    try {
      await store.append('r-99', newEvents(2), { expectedVersion: 'no_stream' });
      await store.append('r-00', newEvents(1), { expectedVersion: 1 });
      const [first, second] = await streamRanges(db.pool, 'r-', 2);
      const seen = [];
      for (const range of [first, second])
        for await (const stream of streamsInOrder(db.pool, { prefix: 'r-', range, snapshot: snapshot.id })) seen.push(stream);
      expect(seen.map((s) => s.streamId)).not.toContain('r-99');
      expect(seen.find((s) => s.streamId === 'r-00')?.events).toHaveLength(1);
    } finally {
      await snapshot.release();
    }
    expect(await idsIn({ prefix: 'r-' })).toContain('r-99');
  });
});
