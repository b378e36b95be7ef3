import { coded, ERASURE_REASONS, participantKeyId } from '@workwell/domain';
import { PostgresEventStore } from '@workwell/event-store';
import { JsonLogger } from '@workwell/observability';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { projections } from '@workwell/read-models';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { rebuildProjections } from '../../apps/projector/src/runner/rebuild';
import { lastWritten } from '../support/last-written';
import { seedJourneys } from '../support/seed-journeys';

const quiet = new JsonLogger('test', 'error', () => undefined);

describe('workwell rebuild, while the projector runs', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let live: ProjectionRunner;

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
    await seedJourneys(store, { participants: 30, seed: 3 });
    live = new ProjectionRunner({ pool: db.pool, eventStore: store, projections, logger: quiet, instanceId: 'live', batchSize: 200 });
    await live.start();
    await live.waitFor(await lastWritten(db.pool));
  });
  afterAll(async () => {
    await live.stop();
    await store.close();
    await db.drop();
  });

  const snapshot = async () => (await db.pool.query('SELECT * FROM caseload ORDER BY participant_id')).rows;
  const readModels = ['caseload', 'consent_timeline', 'sharing_decisions', 'erasures', 'outcome_facts'];
  /** Every row of every read model, in one order that does not depend on how they were written. */
  const everything = async () =>
    Object.fromEntries(
      await Promise.all(
        readModels.map(async (table) => [table, (await db.pool.query(`SELECT * FROM ${table} AS r ORDER BY r::text`)).rows]),
      ),
    );

  it('builds a new generation beside the live one, swaps it in with the same rows, and the projector follows it', async () => {
    const before = await snapshot();
    const allBefore = await everything();
    expect(allBefore.consent_timeline.length).toBeGreaterThan(30);
    expect(allBefore.sharing_decisions.length).toBeGreaterThan(5);
    expect(allBefore.outcome_facts.length).toBeGreaterThanOrEqual(30);
    const progress: number[] = [];
    const result = await rebuildProjections(db.pool, store, projections, { batchSize: 250, onProgress: (p) => progress.push(p.events) });
    expect(result.events).toBe(Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count));
    expect(progress.length).toBeGreaterThan(1);
    expect(await snapshot()).toEqual(before);
    expect(await everything()).toEqual(allBefore);
    const { rows } = await db.pool.query(
      `SELECT projection, generation FROM projection_checkpoints WHERE state = 'live' ORDER BY projection`,
    );
    expect(rows.map((r) => r.generation)).toEqual(projections.map(() => 1));
    expect((await db.pool.query(`SELECT to_regclass('caseload_v3') AS old`)).rows[0].old).toBeNull();

    await seedJourneys(store, { participants: 4, seed: 77 });
    await live.waitFor(await lastWritten(db.pool));
    expect(await snapshot()).toHaveLength(34);
  });

  it('takes in what is appended while it reads the store in stream order, and the projector carries on from there', async () => {
    let appended: Promise<number> | undefined;
    // In this thread (the first test rebuilt on threads, one per core).
    await rebuildProjections(db.pool, store, projections, {
      batchSize: 100,
      threads: 1,
      onProgress: () => {
        appended ??= seedJourneys(store, { participants: 3, seed: 55 });
      },
    });
    const written = await appended!;
    expect(written).toBeGreaterThan(10);
    await live.waitFor(await lastWritten(db.pool));
    expect(await snapshot()).toHaveLength(37);
    const consents = Number(
      (await db.pool.query(`SELECT count(*) FROM events WHERE type IN ('ConsentGiven', 'ConsentWithdrawn')`)).rows[0].count,
    );
    expect((await db.pool.query('SELECT count(*) FROM consent_timeline')).rows[0].count).toBe(String(consents));
  });

  it('destroys the key of a participant erased while no projector ran, keeps the erasure for the auditors, and a projector starting after carries on', async () => {
    await live.stop();
    const { rows } = await db.pool.query<{ participant_id: string; version: number }>(
      'SELECT participant_id, version FROM caseload ORDER BY participant_id LIMIT 1',
    );
    const [{ participant_id: participantId, version }] = rows;
    const keyId = participantKeyId(participantId);
    // The key is still there: whoever recorded the erasure crashed before destroying it.
    await db.pool.query(`INSERT INTO participant_keys (key_id, wrapped_key, master_key_id) VALUES ($1, $2, 'test')`, [
      keyId,
      Buffer.alloc(60, 7),
    ]);
    const actor = { role: 'site-lead', site: 'leeds', userId: 'lead-1', organisation: 'org-leeds' };
    const at = '2026-06-02T09:00:00.000Z';
    await store.append(
      `participant-${participantId}`,
      [
        {
          type: 'ParticipantErased',
          schemaVersion: 1,
          data: { occurredAt: at, reasonCode: coded(ERASURE_REASONS, 'erasure-request'), keyId },
          metadata: { actor, occurredAt: at, correlationId: 'c-1', causationId: null },
        },
      ],
      { expectedVersion: version },
    );

    await rebuildProjections(db.pool, store, projections, { batchSize: 100, threads: 1 });
    const key = (await db.pool.query('SELECT wrapped_key, destroyed_reason FROM participant_keys WHERE key_id = $1', [keyId])).rows[0];
    expect(key).toEqual({ wrapped_key: null, destroyed_reason: 'erasure-request' });
    const rebuilt = await everything();
    expect(rebuilt.erasures).toEqual([expect.objectContaining({ participant_id: participantId, recorded_by: actor })]);

    live = new ProjectionRunner({ pool: db.pool, eventStore: store, projections, logger: quiet, instanceId: 'live-again', batchSize: 200 });
    await live.start();
    await live.waitFor(await lastWritten(db.pool));
    expect(await everything()).toEqual(rebuilt);
  });
});
