import { migrate } from '@workwell/database';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { newEvents } from '../contract/contract-helpers';
import { verifyStreams } from '../verify/verify-streams';
import { bulkImport } from './bulk-import';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

describe('migration 0120: recorded_at in the milliseconds the hash covers', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const asOwner = async (sql: string): Promise<void> => {
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    try {
      await db.pool.query(sql);
    } finally {
      await db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations.filter((m) => m.id < '0120'));
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('upgrades a store holding an event moved below the millisecond, and verify names that event', async () => {
    await store.append('ms-1', newEvents(3), { expectedVersion: 'no_stream' });
    await store.append('ms-2', newEvents(2), { expectedVersion: 'no_stream' });
    // Before the upgrade nothing refused it, and no read showed it: the hash covers milliseconds.
    await asOwner(`UPDATE events SET recorded_at = recorded_at + interval '1 microsecond' WHERE stream_id = 'ms-1' AND version = 2`);

    expect(await migrate(db.pool, eventStoreMigrations)).toEqual(['0120_recorded_at_milliseconds']);
    const written = (await store.readStream('ms-1'))[1].recordedAt;
    expect(written).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const report = await verifyStreams(store);
    expect(report.problems).toEqual([
      expect.objectContaining({
        streamId: 'ms-1',
        version: 2,
        kind: 'altered',
        detail: expect.stringContaining(`${written.slice(0, -1)}001Z`),
      }),
    ]);
    await expect(db.pool.query(`ALTER TABLE events VALIDATE CONSTRAINT events_recorded_at_in_milliseconds`)).rejects.toThrow(
      /violated by some row/,
    );
  });

  it('refuses a value below the millisecond from then on, and appends and imports store exactly what they hash', async () => {
    await expect(
      asOwner(`UPDATE events SET recorded_at = recorded_at + interval '1 microsecond' WHERE stream_id = 'ms-2' AND version = 1`),
    ).rejects.toThrow(/events_recorded_at_in_milliseconds/);
    await asOwner(`UPDATE events SET recorded_at = recorded_at - interval '1 microsecond' WHERE stream_id = 'ms-1' AND version = 2`);
    await store.append('ms-2', newEvents(2), { expectedVersion: 2 });
    // A legacy history may carry microseconds: the import hashes and stores its millisecond.
    const legacy = newEvents(2).map((event, i) => ({ ...event, recordedAt: `2025-06-0${i + 1}T10:00:00.123456+00:00` }));
    await bulkImport(store, [{ streamId: 'ms-3', events: legacy }]);
    expect((await store.readStream('ms-3')).map((e) => e.recordedAt)).toEqual(['2025-06-01T10:00:00.123Z', '2025-06-02T10:00:00.123Z']);
    await db.pool.query(`ALTER TABLE events VALIDATE CONSTRAINT events_recorded_at_in_milliseconds`);
    expect(await verifyStreams(store)).toMatchObject({ ok: true, streams: 3, events: 9 });
  });
});
