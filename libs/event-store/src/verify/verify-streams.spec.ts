import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import type { EventStore, ReadStreamOptions } from '../event-store.port';
import { newEvents } from '../contract/contract-helpers';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { eventStoreMigrations } from '../postgres/postgres-event-store.schema';
import { verifyStreams, type VerifyProgress } from './verify-streams';

describe('verifyStreams', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const tamper = async (...statements: string[]): Promise<void> => {
    // As the owner, with the immutability triggers off: what an intruder with full access could do.
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    try {
      for (const sql of statements) await db.pool.query(sql);
    } finally {
      await db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');
    }
  };
  const where = (stream: string, version: number): string => `stream_id = '${stream}' AND version = ${version}`;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    for (const stream of ['intact', 'altered', 'removed', 'renumbered', 'swapped', 'moved', 'relinked', 'truncated']) {
      // One event per append, so that each event has a transaction (and a position) of its own.
      for (let version = 0; version < 5; version++) await store.append(`v-${stream}`, newEvents(1), { expectedVersion: version });
    }
    await store.append('other-1', newEvents(3), { expectedVersion: 'no_stream' });
    await tamper(
      `UPDATE events SET data = '{"n": 99}' WHERE ${where('v-altered', 3)}`,
      `DELETE FROM events WHERE ${where('v-removed', 3)}`,
      `DELETE FROM events WHERE ${where('v-renumbered', 3)}`,
      `UPDATE events SET version = 3 WHERE ${where('v-renumbered', 4)}`,
      `UPDATE events SET version = 4 WHERE ${where('v-renumbered', 5)}`,
      `UPDATE events SET version = 100 WHERE ${where('v-swapped', 2)}`,
      `UPDATE events SET version = 2 WHERE ${where('v-swapped', 3)}`,
      `UPDATE events SET version = 3 WHERE ${where('v-swapped', 100)}`,
      // Global order only: positions (with their transaction ids, which they must match) trade places.
      `CREATE TEMP TABLE moved AS SELECT version, position, transaction_id FROM events WHERE stream_id = 'v-moved' AND version IN (2, 3)`,
      `UPDATE events SET position = 65536, transaction_id = '1' WHERE ${where('v-moved', 2)}`,
      `UPDATE events e SET position = m.position, transaction_id = m.transaction_id FROM moved m WHERE m.version = 2 AND e.stream_id = 'v-moved' AND e.version = 3`,
      `UPDATE events e SET position = m.position, transaction_id = m.transaction_id FROM moved m WHERE m.version = 3 AND e.stream_id = 'v-moved' AND e.version = 2`,
      `UPDATE events SET previous_hash = sha256('forged') WHERE ${where('v-relinked', 4)}`,
      `DELETE FROM events WHERE ${where('v-truncated', 5)}`,
    );
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('reports the first altered, missing or reordered event of each stream and nothing else', async () => {
    const progress: VerifyProgress[] = [];
    const report = await verifyStreams(store, { progressEvery: 7, onProgress: (p) => progress.push(p) });
    expect(report.problems.map(({ streamId, version, kind }) => ({ streamId, version, kind }))).toEqual([
      { streamId: 'v-altered', version: 3, kind: 'altered' },
      { streamId: 'v-moved', version: 2, kind: 'reordered' },
      { streamId: 'v-relinked', version: 4, kind: 'altered' },
      { streamId: 'v-removed', version: 3, kind: 'missing' },
      { streamId: 'v-renumbered', version: 3, kind: 'missing' },
      { streamId: 'v-swapped', version: 2, kind: 'reordered' },
    ]);
    expect(report).toMatchObject({ ok: false, streams: 9, events: 8 * 5 - 3 + 3 });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toMatchObject({ events: report.events, streams: 9 });
    expect(report.eventsPerSecond).toBeGreaterThan(0);
  });

  it('cannot see the newest events of a stream removed: the shorter chain is valid', async () => {
    const report = await verifyStreams(store, { streamPrefix: 'v-truncated' });
    expect(report).toMatchObject({ ok: true, streams: 1, events: 4 });
  });

  it('verifies only the streams with the prefix, from a pool as from a store', async () => {
    expect(await verifyStreams(store, { streamPrefix: 'v-intact' })).toMatchObject({ ok: true, streams: 1, events: 5, problems: [] });
    expect(await verifyStreams(store, { streamPrefix: 'other-' })).toMatchObject({ ok: true, streams: 1, events: 3 });
    expect((await verifyStreams(store, { streamPrefix: 'v-' })).problems).toHaveLength(6);
  });

  it('walks any adapter through the port', async () => {
    const memory = new InMemoryEventStore();
    await memory.append('m-1', newEvents(3), { expectedVersion: 'no_stream' });
    await memory.append('m-2', newEvents(2), { expectedVersion: 'no_stream' });
    await memory.append('m-1', newEvents(2), { expectedVersion: 3 });
    expect(await verifyStreams(memory)).toMatchObject({ ok: true, streams: 2, events: 7 });
    const tampered: EventStore = Object.assign(Object.create(memory) as EventStore, {
      readStream: async (streamId: string, options?: ReadStreamOptions) =>
        (await memory.readStream(streamId, options)).map((e) => (e.streamId === 'm-1' && e.version === 4 ? { ...e, data: { n: 42 } } : e)),
    });
    expect((await verifyStreams(tampered)).problems).toMatchObject([{ streamId: 'm-1', version: 4, kind: 'altered' }]);
  });
});
