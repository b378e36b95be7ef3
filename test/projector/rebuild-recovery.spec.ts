import { migrate } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { projections } from '@workwell/read-models';
import type { Projection } from '@workwell/read-models';
import { rebuildProjections } from '../../apps/projector/src/runner/rebuild';
import { seedJourneys } from '../support/seed-journeys';

const tablesLike = async (db: TestDatabase, pattern: string): Promise<string[]> =>
  (
    await db.pool.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE $1 ORDER BY 1`,
      [pattern],
    )
  ).rows.map((r) => r.tablename);

describe('workwell rebuild, when things go wrong', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
    await seedJourneys(store, { participants: 12, seed: 21 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('makes live read models on a store that no projector has read yet', async () => {
    const result = await rebuildProjections(db.pool, store, projections, { batchSize: 50 });
    expect(result.events).toBeGreaterThan(100);
    expect((await db.pool.query('SELECT count(*) FROM caseload')).rows[0].count).toBe('12');
    const { rows } = await db.pool.query(`SELECT projection, generation, state, position FROM projection_checkpoints ORDER BY projection`);
    expect(rows.map((r) => [r.projection, r.generation, r.state, Number(r.position)])).toEqual(
      projections.map((p) => [p.name, 0, 'live', result.position]).sort(),
    );
  });

  it('leaves no half-built tables when it fails, and the next rebuild succeeds', async () => {
    const before = (await db.pool.query('SELECT * FROM projection_checkpoints ORDER BY projection, version, generation')).rows;
    let histories = 0;
    const failing: Projection[] = projections.map((p) =>
      p.bulk && p.name === 'outcomes'
        ? {
            ...p,
            bulk: {
              ...p.bulk,
              rowsOf: (history) => {
                if (++histories === 7) throw new Error('disk full');
                return p.bulk!.rowsOf(history);
              },
            },
          }
        : p,
    );
    await expect(rebuildProjections(db.pool, store, failing, { batchSize: 50 })).rejects.toThrow('disk full');
    expect(await tablesLike(db, '%\\_g1')).toEqual([]);
    expect((await db.pool.query('SELECT * FROM projection_checkpoints ORDER BY projection, version, generation')).rows).toEqual(before);
    expect((await db.pool.query('SELECT count(*) FROM outcome_facts')).rows[0].count).toBe('12');

    await rebuildProjections(db.pool, store, projections, { batchSize: 50 });
    expect(await tablesLike(db, 'caseload%')).toEqual(['caseload_v3_g1']);
    expect((await db.pool.query('SELECT count(*) FROM caseload')).rows[0].count).toBe('12');
  });
});

describe('migration 0410: the timeline copy retired', () => {
  it('no longer holds back the read models, and its tables are gone', async () => {
    const db = await createTestDatabase(allMigrations.filter((m) => m.id < '0410'));
    try {
      await db.pool.query(`
        CREATE TABLE participant_timeline_v1 (participant_id uuid);
        CREATE TABLE participant_timeline_v1_g3 (participant_id uuid);
        CREATE VIEW participant_timeline AS SELECT * FROM participant_timeline_v1_g3;
        INSERT INTO projection_checkpoints (projection, version, generation, position, state) VALUES ('timeline', 1, 3, 10, 'live'), ('caseload', 1, 0, 99, 'live')`);
      await migrate(db.pool, allMigrations);
      expect(await tablesLike(db, 'participant_timeline%')).toEqual([]);
      const { rows } = await db.pool.query(`SELECT min(position) AS position FROM projection_checkpoints WHERE state = 'live'`);
      expect(rows[0].position).toBe('99');
    } finally {
      await db.drop();
    }
  });
});
