import type { Pool } from 'pg';
import { participantStreamId } from '@workwell/domain';
import { PostgresEventStore } from '@workwell/event-store';
import { JsonLogger } from '@workwell/observability';
import { projections, tableNames, type Projection } from '@workwell/read-models';
import { allMigrations } from '@workwell/runtime';
import { carry, createRandom, eventsByCommand, generateJourneys, replayCommands } from '@workwell/synthetic';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { rebuildProjections } from '../../apps/projector/src/runner/rebuild';
import { lastWritten } from '../support/last-written';

const quiet = new JsonLogger('test', 'error', () => undefined);

/** Every row of every table of the live read models, as PostgreSQL spells them, in one order. */
const everyRow = async (pool: Pool): Promise<Record<string, string[]>> => {
  const { rows } = await pool.query<{ projection: string; version: number; generation: number }>(
    `SELECT projection, version, generation FROM projection_checkpoints WHERE state = 'live'`,
  );
  const tables: Record<string, string[]> = {};
  for (const projection of projections) {
    const live = rows.find((row) => row.projection === projection.name)!;
    const t = tableNames({ version: live.version, generation: live.generation });
    for (const table of projection.tables) {
      tables[table] = (await pool.query<{ row: string }>(`SELECT r::text AS row FROM ${t(table)} AS r ORDER BY 1`)).rows.map((r) => r.row);
    }
  }
  return tables;
};

/** Kills its own database session in the middle of some batches, after the first projection wrote its rows. */
const crashing = (list: readonly Projection[], random: () => number, maxKills: number) => {
  let kills = 0;
  const wrapped = list.map((projection, index): Projection => ({
    ...projection,
    apply: (batch, t) => {
      const statements = projection.apply(batch, t);
      if (index !== 1 || kills >= maxKills || random() >= 0.15) return statements;
      kills++;
      return [...statements, { text: 'SELECT pg_terminate_backend(pg_backend_pid())' }];
    },
  }));
  return { list: wrapped, kills: () => kills };
};

/**
 * The fault suite's row: live read models and a rebuild of the same store must hold the same rows,
 * byte for byte, in every table, however the live projector's batches fell and however often it
 * was killed part-way through one. The store is written as a live one is: participants' commands
 * interleaved, while the projector runs.
 */
describe('live projection and rebuild, byte for byte', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('gives the same rows in every read model, live with the projector killed at random points and rebuilt', async () => {
    const random = createRandom(2026);
    const crash = crashing(projections, createRandom(7).next, 12);
    const runner = new ProjectionRunner({
      pool: db.pool,
      eventStore: store,
      projections: crash.list,
      logger: quiet,
      instanceId: 'live',
      batchSize: 37,
    });
    await runner.start();
    const journeys = [
      ...generateJourneys({
        seed: 41,
        participants: 60,
        sites: ['leeds', 'york'],
        startDate: '2025-01-06',
        referralPeriodDays: 200,
        asOf: '2026-06-01T00:00:00Z',
        seal: carry,
      }),
    ];
    const pending = journeys.map((journey) => ({
      streamId: participantStreamId(journey.participantId),
      groups: eventsByCommand(replayCommands(journey.commands).events),
    }));
    let appended = 0;
    while (pending.some((p) => p.groups.length > 0)) {
      const open = pending.filter((p) => p.groups.length > 0);
      const next = open[Math.floor(random.next() * open.length)];
      const group = next.groups.shift()!;
      await store.append(
        next.streamId,
        group.map(({ version: _version, recordedAt: _recordedAt, ...event }) => event),
        { expectedVersion: group[0].version === 1 ? 'no_stream' : group[0].version - 1 },
      );
      appended += group.length;
    }
    await runner.waitFor(await lastWritten(db.pool));
    await runner.stop();
    const live = await everyRow(db.pool);

    await rebuildProjections(db.pool, store, projections, { batchSize: 500, threads: 1 });
    const rebuilt = await everyRow(db.pool);
    const differing = Object.keys(live).filter((table) => JSON.stringify(live[table]) !== JSON.stringify(rebuilt[table]));
    process.stderr.write(
      `live-vs-rebuild: ${appended} events from ${journeys.length} participants, ${crash.kills()} projector kills, ${Object.keys(live).length} tables, ${Object.values(live).reduce((n, rows) => n + rows.length, 0)} rows, ${differing.length} tables differ\n`,
    );
    expect(crash.kills()).toBeGreaterThan(0);
    expect(live.outcome_facts.length).toBeGreaterThanOrEqual(60);
    for (const table of Object.keys(live)) expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
  });
});
