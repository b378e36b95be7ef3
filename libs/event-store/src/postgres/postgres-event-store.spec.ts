import { randomUUID } from 'node:crypto';
import { createPool } from '@workwell/database';
import { createTestDatabase, freePort, type TestDatabase } from '@workwell/testing';
import { EventStoreUnavailable } from '../event-store.port';
import { collect, newEvent, newEvents } from '../contract/contract-helpers';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

describe('PostgresEventStore on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    await store.append('immutable-1', newEvents(2), { expectedVersion: 'no_stream', idempotencyKey: randomUUID() });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  describe('the database refuses to change the log', () => {
    it.each([
      ['UPDATE events', `UPDATE events SET data = '{"tampered":true}' WHERE stream_id = 'immutable-1'`],
      ['DELETE FROM events', `DELETE FROM events WHERE stream_id = 'immutable-1'`],
      ['TRUNCATE events', 'TRUNCATE events'],
      ['UPDATE the idempotency keys', `UPDATE event_idempotency_keys SET last_version = 99`],
      ['DELETE the idempotency keys', 'DELETE FROM event_idempotency_keys'],
      ['TRUNCATE the idempotency keys', 'TRUNCATE event_idempotency_keys'],
    ])('%s fails even for the owner', async (_, sql) => {
      await expect(db.pool.query(sql)).rejects.toThrow(/is not allowed: the event log is append-only/);
      expect((await store.readStream('immutable-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('gives the writer role reading and appending only, and no say over positions', async () => {
      const writerPool = createPool(db.url, { options: '-c role=workwell_writer', max: 4 });
      const writer = new PostgresEventStore(writerPool);
      try {
        const collector = collect(writer, { streamPrefix: 'writer-' });
        const appended = await writer.append('writer-1', newEvents(2), { expectedVersion: 'no_stream', idempotencyKey: randomUUID() });
        expect((await writer.readStream('writer-1')).map((e) => e.position)).toEqual(appended.events.map((e) => e.position));
        await collector.received(2);
        await collector.subscription.close();
        await expect(writerPool.query(`UPDATE events SET type = 'X'`)).rejects.toThrow(/permission denied/);
        await expect(writerPool.query('DELETE FROM events')).rejects.toThrow(/permission denied/);
        await expect(writerPool.query('TRUNCATE events')).rejects.toThrow(/permission denied/);
        await expect(
          writerPool.query(`INSERT INTO events (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
            VALUES (1, 'writer-forged', 1, gen_random_uuid(), 'T', 1, '{}', '{}', date_trunc('milliseconds', now()), '\\x00')`),
        ).rejects.toThrow(/permission denied/);
      } finally {
        await writer.close();
        await writerPool.end();
      }
    });
  });

  describe('positions', () => {
    it('are the transaction id shifted left 16 bits plus the ordinal within the transaction', async () => {
      const appended = await store.append('positions-1', newEvents(3), { expectedVersion: 'no_stream' });
      const { rows } = await db.pool.query<{ position: string; xid: string }>(
        `SELECT position::text, transaction_id::text AS xid FROM events WHERE stream_id = 'positions-1' ORDER BY version`,
      );
      const base = BigInt(rows[0].xid) << 16n;
      expect(rows.map((r) => BigInt(r.position) - base)).toEqual([0n, 1n, 2n]);
      expect(rows.map((r) => Number(r.position))).toEqual(appended.events.map((e) => e.position));
    });

    it('cannot be forged, even by the owner', async () => {
      await expect(
        db.pool.query(`INSERT INTO events (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
          VALUES (42, 'forged', 1, gen_random_uuid(), 'T', 1, '{}', '{}', date_trunc('milliseconds', now()), '\\x00')`),
      ).rejects.toThrow(/events_position_in_own_transaction/);
    });

    it('refuses a transaction of more than 65,536 events with a clear message', async () => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await expect(
          client.query(`INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
            SELECT 'big-' || g, 1, gen_random_uuid(), 'T', 1, '{}', '{}', date_trunc('milliseconds', now()), '\\x00' FROM generate_series(1, 65537) g`),
        ).rejects.toThrow(/a transaction may append at most 65536 events/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });

  describe('appends', () => {
    it('copes with a stale stream head from another process', async () => {
      const other = new PostgresEventStore(db.pool);
      await store.append('stale-1', newEvents(1), { expectedVersion: 'no_stream' });
      await other.append('stale-1', newEvents(1), { expectedVersion: 1 });
      expect(await store.append('stale-1', newEvents(1), { expectedVersion: 'any' })).toMatchObject({ version: 3 });
      await other.append('stale-1', newEvents(1), { expectedVersion: 3 });
      expect(await store.append('stale-1', newEvents(1), { expectedVersion: 4 })).toMatchObject({ version: 5 });
      await expect(other.append('stale-1', newEvents(1), { expectedVersion: 4 })).rejects.toMatchObject({ expected: 4, actual: 5 });
      const events = await store.readStream('stale-1');
      events.slice(1).forEach((event, i) => expect(event.previousHash).toBe(events[i].hash));
    });

    it('coalesces concurrent appends into fewer transactions', async () => {
      const streams = Array.from({ length: 60 }, (_, i) => `coalesced-${i}`);
      await Promise.all(streams.map((streamId) => store.append(streamId, newEvents(2), { expectedVersion: 'no_stream' })));
      const { rows } = await db.pool.query<{ n: number; transactions: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT transaction_id)::int AS transactions FROM events WHERE stream_id LIKE 'coalesced-%'`,
      );
      expect(rows[0].n).toBe(120);
      expect(rows[0].transactions).toBeLessThan(60);
    });

    it('does not let one bad append fail the others it was coalesced with', async () => {
      const streams = Array.from({ length: 60 }, (_, i) => `mixed-${i}`);
      const outcomes = await Promise.allSettled(
        streams.map((streamId, i) =>
          store.append(streamId, i === 17 ? [newEvent('Broken', {}, 'not-a-uuid')] : newEvents(2), { expectedVersion: 'no_stream' }),
        ),
      );
      expect(outcomes.map((o, i) => [i, o.status]).filter(([, status]) => status === 'rejected')).toEqual([[17, 'rejected']]);
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'mixed-%'`);
      expect(rows[0].n).toBe(59 * 2);
    });

    it('reports an unreachable server as EventStoreUnavailable', async () => {
      const pool = createPool(`postgres://postgres:x@127.0.0.1:${await freePort()}/nowhere`, { connectionTimeoutMillis: 1_000 });
      const unreachable = new PostgresEventStore(pool);
      try {
        await expect(unreachable.append('s', newEvents(1), { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(EventStoreUnavailable);
        await expect(unreachable.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailable);
        await expect(unreachable.readAll()).rejects.toBeInstanceOf(EventStoreUnavailable);
        await expect(unreachable.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailable);
      } finally {
        await unreachable.close();
        await pool.end();
      }
    });
  });

  it('keeps delivering after the LISTEN connection is killed, without skipping or repeating', async () => {
    const prefix = `relisten-${randomUUID()}-`;
    const collector = collect(store, { streamPrefix: prefix });
    try {
      await store.append(`${prefix}a`, newEvents(3), { expectedVersion: 'no_stream' });
      await collector.received(3);
      const { rowCount } = await db.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'workwell-event-store-subscription' AND datname = current_database()`,
      );
      expect(rowCount).toBeGreaterThan(0);
      // A second store: no in-process wake-up, only NOTIFY reaches the subscriber.
      const other = new PostgresEventStore(db.pool);
      await other.append(`${prefix}b`, newEvents(2), { expectedVersion: 'no_stream' });
      await other.append(`${prefix}a`, newEvents(2), { expectedVersion: 3 });
      const events = await collector.received(7);
      expect(events.map((e) => `${e.streamId.slice(prefix.length)}${e.version}`)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'a4', 'a5']);
      expect(collector.errors).toEqual([]);
    } finally {
      await collector.subscription.close();
    }
  });
});
