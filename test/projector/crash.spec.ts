import type { Pool } from 'pg';
import { coded, ERASURE_REASONS } from '@workwell/domain';
import { PostgresEventStore } from '@workwell/event-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { projections } from '@workwell/read-models';
import { tableNames, type Projection } from '@workwell/read-models';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { lastWritten } from '../support/last-written';
import { seedJourneys } from '../support/seed-journeys';

const quiet = new JsonLogger('test', 'error', () => undefined);

const dump = async (pool: Pool, list: readonly Projection[]) => {
  const tables: Record<string, unknown[]> = {};
  for (const projection of list) {
    const t = tableNames({ version: projection.version });
    for (const table of projection.tables) tables[table] = (await pool.query(`SELECT * FROM ${t(table)} ORDER BY 1, 2`)).rows;
  }
  return tables;
};

/** Kills its own database session in the middle of the given batch, after the first projection has written its rows. */
const crashingOnce = (list: readonly Projection[], onBatch: number): { list: Projection[]; crashed: () => boolean } => {
  let batches = 0;
  let crashed = false;
  const wrapped = list.map((projection, index): Projection => ({
    ...projection,
    apply: (batch, t) => {
      const statements = projection.apply(batch, t);
      if (index === 0) batches++;
      if (index !== 1 || batches !== onBatch || crashed) return statements;
      crashed = true;
      return [...statements, { text: 'SELECT pg_terminate_backend(pg_backend_pid())' }];
    },
  }));
  return { list: wrapped, crashed: () => crashed };
};

describe('the projector under crashes', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
    await seedJourneys(store, { participants: 40, seed: 5 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** Runs a projector over these projections until it has applied every event written so far, then stops it. */
  const runToEnd = async (list: readonly Projection[], instanceId: string, batchSize?: number): Promise<void> => {
    const runner = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: list,
      logger: quiet,
      instanceId,
      ...(batchSize === undefined ? {} : { batchSize }),
    });
    await runner.start();
    await runner.waitFor(await lastWritten(db.pool));
    await runner.stop();
  };

  it('loses a batch killed mid-way as a whole and, restarted, ends with exactly the rows of a clean run', async () => {
    const crash = crashingOnce(projections, 3);
    await runToEnd(crash.list, 'crashing', 50);
    expect(crash.crashed()).toBe(true);
    const afterCrash = await dump(db.pool, projections);

    const clean = projections.map((p) => ({ ...p, name: `${p.name}-clean`, version: 9 }));
    await runToEnd(clean, 'clean', 500);
    expect(afterCrash).toEqual(await dump(db.pool, clean));
  });

  it('lets no projection write once another has failed the batch: it is rolled back whole, then applied again', async () => {
    // A sequence moves on even in a transaction rolled back: it shows whether a statement ran at all.
    await db.pool.query('CREATE SEQUENCE late_statement');
    let failing = true;
    let probed = false;
    const list = projections.map((projection, index): Projection => ({
      ...projection,
      name: `${projection.name}-failing`,
      version: 6,
      apply: (batch, t) => {
        const statements = projection.apply(batch, t);
        if (index === 0 && failing) {
          failing = false;
          return [{ text: 'SELECT 1 / 0' }, ...statements];
        }
        // A later projection's statement of the same batch: the server must refuse it.
        if (index === 2 && !probed) {
          probed = true;
          return [{ text: `SELECT nextval('late_statement')` }, ...statements];
        }
        return statements;
      },
    }));
    await runToEnd(list, 'failing', 50);
    expect(probed).toBe(true);
    expect((await db.pool.query('SELECT is_called FROM late_statement')).rows[0].is_called).toBe(false);

    const clean = projections.map((p) => ({ ...p, name: `${p.name}-reference`, version: 8 }));
    await runToEnd(clean, 'reference');
    expect(await dump(db.pool, list)).toEqual(await dump(db.pool, clean));
  });

  it('commits a batch without waiting for its WAL flush, but one that erases someone durably', async () => {
    await db.pool.query('CREATE TABLE commit_modes (mode text NOT NULL)');
    const list = projections.map((projection, index): Projection => ({
      ...projection,
      name: `${projection.name}-async`,
      version: 5,
      apply: (batch, t) => [
        ...(index === 0 ? [{ text: `INSERT INTO commit_modes SELECT current_setting('synchronous_commit')` }] : []),
        ...projection.apply(batch, t),
      ],
    }));
    const run = async () => {
      await runToEnd(list, 'async', 50);
      const { rows } = await db.pool.query<{ mode: string }>('DELETE FROM commit_modes RETURNING mode');
      return rows.map((row) => row.mode);
    };
    const modes = await run();
    expect(modes.length).toBeGreaterThan(1);
    expect(new Set(modes)).toEqual(new Set(['off']));

    const { rows } = await db.pool.query<{ stream_id: string; version: number }>(
      `SELECT stream_id, max(version) AS version FROM events WHERE stream_id LIKE 'participant-%' GROUP BY stream_id ORDER BY stream_id LIMIT 1`,
    );
    const at = '2026-06-02T09:00:00.000Z';
    await store.append(
      rows[0].stream_id,
      [
        {
          type: 'ParticipantErased',
          schemaVersion: 1,
          data: { occurredAt: at, reasonCode: coded(ERASURE_REASONS, 'erasure-request'), keyId: 'key-of-the-erased' },
          metadata: {
            actor: { role: 'site-lead', site: 'leeds', userId: 'lead-1' },
            occurredAt: at,
            correlationId: 'c-1',
            causationId: null,
          },
        },
      ],
      { expectedVersion: rows[0].version },
    );
    expect(await run()).toEqual(['on']);
  });

  it('lets a second projector take over when the owner dies, from the owner’s checkpoint', async () => {
    const list = projections.map((p) => ({ ...p, name: `${p.name}-takeover`, version: 7 }));
    const owner = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: list,
      logger: quiet,
      instanceId: 'owner',
      batchSize: 100,
    });
    await owner.start();
    await owner.waitFor(await lastWritten(db.pool));
    const standby = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: list,
      logger: quiet,
      instanceId: 'standby',
      batchSize: 100,
      takeoverIntervalMs: 100,
    });
    await standby.start();
    expect(owner.ownedProjections).toHaveLength(list.length);
    expect(standby.ownedProjections).toEqual([]);

    await owner.stop();
    await seedJourneys(store, { participants: 5, seed: 99 });
    await standby.waitFor(await lastWritten(db.pool));
    expect(standby.ownedProjections).toHaveLength(list.length);
    const { rows } = await db.pool.query(`SELECT count(*) FROM caseload_v7`);
    expect(Number(rows[0].count)).toBe(45);
    await standby.stop();
  });

  it('answers those waiting on a standby when it takes over at a checkpoint already past them, with no event to come', async () => {
    const list = projections.map((p) => ({ ...p, name: `${p.name}-waiting`, version: 5 }));
    const owner = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: list,
      logger: quiet,
      instanceId: 'owner-2',
      batchSize: 100,
    });
    await owner.start();
    const last = await lastWritten(db.pool);
    await owner.waitFor(last);
    const standby = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: list,
      logger: quiet,
      instanceId: 'standby-2',
      batchSize: 100,
      takeoverIntervalMs: 100,
    });
    await standby.start();
    expect(standby.ownedProjections).toEqual([]);
    const waited = standby.waitFor(last);
    await owner.stop();
    await waited;
    expect(standby.ownedProjections).toHaveLength(list.length);
    expect(standby.position).toBeGreaterThanOrEqual(last);
    await standby.stop();
  });
});
