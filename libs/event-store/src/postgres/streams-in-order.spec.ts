import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { newEvents } from '../contract/contract-helpers';
import type { StreamOfEvents } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

/** What the PostgreSQL adapter's stream-order read does beyond the contract: its transaction, the planner's ranges, clocks that step back. */
describe('PostgreSQL streams in order', () => {
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

  const idsIn = async (options: Parameters<PostgresEventStore['streams']>[0]): Promise<string[]> => {
    const ids: string[] = [];
    for await (const stream of store.streams(options)) ids.push(stream.streamId);
    return ids;
  };

  it('ends its transaction when the reader stops early', async () => {
    for await (const stream of store.streams({ prefix: 'r-', fetchSize: 1 })) {
      expect(stream.streamId).toBe('r-00');
      break;
    }
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(rows[0].open).toBe(0);
  });

  it('splits the ids into ranges of about as many events, with or without the planner statistics', async () => {
    const everyId = await idsIn({ prefix: 'r-' });
    expect(everyId).toHaveLength(40);
    for (const analysed of [false, true]) {
      if (analysed) await db.pool.query('ANALYZE events');
      const ranges = await store.streamRanges('r-', 4);
      expect(ranges.length).toBeGreaterThanOrEqual(2);
      expect(ranges.length).toBeLessThanOrEqual(4);
      const parts = await Promise.all(ranges.map((range) => idsIn({ prefix: 'r-', range })));
      expect(parts.flat()).toEqual(everyId);
      expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(30);
    }
    expect(await store.streamRanges('r-', 1)).toEqual([{}]);
    const everything = await idsIn({ prefix: '' });
    expect(everything).toEqual([...everyId, 's-1']);
  });

  it('ends what was known at a version recorded after the point even when later ones were recorded before it', async () => {
    // A clock that stepped back: version 2 carries a later recording time than version 3.
    await store.append('t-1', newEvents(3), { expectedVersion: 'no_stream' });
    const { rows } = await db.pool.query<{ at: Date }>(`SELECT recorded_at AS at FROM events WHERE stream_id = 't-1' AND version = 3`);
    const cut = rows[0].at.toISOString();
    await db.pool.query(`ALTER TABLE events DISABLE TRIGGER events_immutable`);
    await db.pool.query(`UPDATE events SET recorded_at = $1::timestamptz + interval '1 hour' WHERE stream_id = 't-1' AND version = 2`, [
      cut,
    ]);
    await db.pool.query(`ALTER TABLE events ENABLE TRIGGER events_immutable`);
    const streams: StreamOfEvents[] = [];
    for await (const stream of store.streams({ prefix: 't-', knownAt: { recordedAt: cut } })) streams.push(stream);
    expect(streams.map((stream) => stream.events.map((event) => event.version))).toEqual([[1]]);
  });
});
