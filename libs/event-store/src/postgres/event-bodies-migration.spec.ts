import { createPool, migrate } from '@workwell/database';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { verifyStreams } from '../verify/verify-streams';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

describe('migration 0110: event bodies as json', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations.filter((m) => m.id === '0100_event_store'));
  });
  afterAll(() => db.drop());

  it('keeps the events written as jsonb readable and their hash chains valid', async () => {
    // Processes that ran before the migration start again after it (their prepared statements know the old types).
    const old = createPool(db.url, { max: 2 });
    const before = new PostgresEventStore(old);
    // Keys out of order and a nested document: jsonb stored them normalised, json keeps them as written.
    await before.append(
      'migrated-1',
      [{ type: 'Noted', schemaVersion: 1, data: { z: 1, a: { y: [1, 'two', null], b: 'é\n"quoted"' } }, metadata: { actor: 'coach-1' } }],
      { expectedVersion: 'no_stream' },
    );
    await before.append('migrated-1', [{ type: 'Noted', schemaVersion: 1, data: { n: 2 }, metadata: {} }], { expectedVersion: 1 });
    const written = await before.readStream('migrated-1');
    await before.close();
    await old.end();

    expect(await migrate(db.pool, eventStoreMigrations)).toContain('0110_event_bodies_json');
    const { rows } = await db.pool.query(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname IN ('data', 'metadata')`,
    );
    expect(rows.map((r) => r.type)).toEqual(['json', 'json']);

    const after = new PostgresEventStore(db.pool);
    expect(await after.readStream('migrated-1')).toEqual(written);
    await after.append('migrated-1', [{ type: 'Noted', schemaVersion: 1, data: { n: 3 }, metadata: {} }], { expectedVersion: 2 });
    expect(await verifyStreams(after)).toMatchObject({ ok: true, streams: 1, events: 3 });
    await after.close();
  });
});
