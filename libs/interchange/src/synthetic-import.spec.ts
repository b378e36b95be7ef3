import { PostgresEventStore, verifyStreams } from '@workwell/event-store';
import { PostgresKeyStore } from '@workwell/key-store';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { allMigrations } from '@workwell/runtime';
import { importSyntheticJourneys } from './synthetic-import';

const masterKeys = [{ id: 'm1', key: Buffer.alloc(32, 3) }];
const run = { participants: 60, seed: 7, sites: 3, now: new Date('2026-06-01T00:00:00Z'), masterKeys, participantsPerRound: 10 };

describe('importSyntheticJourneys', () => {
  const dbs: TestDatabase[] = [];
  afterAll(() => Promise.all(dbs.map((db) => db.drop())));

  const imported = async (threads: number) => {
    const db = await createTestDatabase(allMigrations);
    dbs.push(db);
    const store = new PostgresEventStore(db.pool);
    const progress: number[] = [];
    const result = await importSyntheticJourneys(db.pool, store, { ...run, threads, onProgress: (p) => progress.push(p.participants) });
    await store.close();
    const { rows } = await db.pool.query(`SELECT stream_id, version, type, recorded_at FROM events ORDER BY stream_id, version`);
    return { db, result, progress, rows };
  };

  it('imports the same journeys on two threads as on one, every personal field under a key it wrote first', async () => {
    const one = await imported(1);
    const two = await imported(2);
    expect(two.result).toMatchObject({ participants: 60, events: one.result.events });
    expect(two.rows).toEqual(one.rows);
    expect(two.progress.at(-1)).toBe(60);
    expect(two.progress.length).toBeGreaterThanOrEqual(6);
    expect(await verifyStreams(new PostgresEventStore(two.db.pool))).toMatchObject({ ok: true, streams: 60 });

    const keys = new PostgresKeyStore(two.db.pool, masterKeys);
    const { rows: referrals } = await two.db.pool.query(
      `SELECT data->'personalDetails' AS sealed FROM events WHERE type = 'ParticipantReferred'`,
    );
    expect(referrals.length).toBeGreaterThanOrEqual(60);
    for (const { sealed } of referrals) expect(await keys.openJson(sealed)).toHaveProperty('name');
  });
});
