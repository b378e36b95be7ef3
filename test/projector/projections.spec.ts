import type { Pool } from 'pg';
import { PostgresEventStore } from '@workwell/event-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { commitStatements } from '@workwell/database';
import { projections } from '@workwell/read-models';
import { journeyEventsOf, loadHistories } from '../../apps/projector/src/runner/participant-histories';
import { tableNames, type Projection } from '@workwell/read-models';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { lastWritten } from '../support/last-written';
import { seedJourneys } from '../support/seed-journeys';

const quiet = new JsonLogger('test', 'error', () => undefined);

/** Every row of every table of a projection version, in key order, as comparable JSON. */
const dump = async (pool: Pool, projection: Projection, version = projection.version): Promise<Record<string, unknown[]>> => {
  const t = tableNames({ version });
  const result: Record<string, unknown[]> = {};
  for (const table of projection.tables) result[table] = (await pool.query(`SELECT * FROM ${t(table)} ORDER BY 1, 2`)).rows;
  return result;
};

const run = async (db: TestDatabase, store: PostgresEventStore, list: readonly Projection[], instanceId: string, batchSize = 100) => {
  const runner = new ProjectionRunner({ pool: db.pool, eventStore: store, projections: list, logger: quiet, instanceId, batchSize });
  await runner.start();
  await runner.waitFor(await lastWritten(db.pool));
  return runner;
};

describe('the read-model projections on real PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
    await seedJourneys(store, { participants: 60, seed: 11 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('projects every participant, and applying the same events again leaves the same rows', async () => {
    const runner = await run(db, store, projections, 'live');
    await runner.stop();
    const live = await Promise.all(projections.map((p) => dump(db.pool, p)));
    expect(live[0].caseload).toHaveLength(60);
    const consents = Number(
      (await db.pool.query(`SELECT count(*) FROM events WHERE type IN ('ConsentGiven', 'ConsentWithdrawn')`)).rows[0].count,
    );
    expect(consents).toBeGreaterThan(60);
    expect(live[1].consent_timeline).toHaveLength(consents);
    const events = (await store.readAll({ maxCount: 100_000 })).filter((e) => e.streamId.startsWith('participant-'));
    // The last batch again: what a crash between commit and acknowledgement would replay.
    const batch = journeyEventsOf(events.slice(-300));
    const histories = await loadHistories(store, batch);
    const client = await db.pool.connect();
    try {
      await commitStatements(
        client,
        projections.flatMap((projection) => projection.apply({ events: batch, histories }, tableNames({ version: projection.version }))),
      );
    } finally {
      client.release();
    }
    expect(await Promise.all(projections.map((p) => dump(db.pool, p)))).toEqual(live);
  });

  it('rebuilds a new version beside the live one, equal to it, and swaps it in', async () => {
    const live = await Promise.all(projections.map((p) => dump(db.pool, p)));
    const next = projections.map((p) => ({ ...p, version: p.version + 1 }));
    const runner = await run(db, store, next, 'rebuild', 1_000);
    await runner.stop();
    const rebuilt = await Promise.all(next.map((p) => dump(db.pool, p)));
    expect(rebuilt).toEqual(live);
    const { rows } = await db.pool.query(`SELECT projection, version FROM projection_checkpoints WHERE state = 'live' ORDER BY projection`);
    expect(rows).toEqual(
      next.map((p) => ({ projection: p.name, version: p.version })).sort((a, b) => a.projection.localeCompare(b.projection)),
    );
    expect((await db.pool.query('SELECT count(*) FROM caseload')).rows[0].count).toBe('60');
  });
});
