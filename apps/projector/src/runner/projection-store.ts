import type { PoolClient } from 'pg';
import { tableNames, type Projection } from '@workwell/read-models';

export type Stage = 'building' | 'live' | 'retired';

export interface CheckpointRow {
  readonly version: number;
  readonly generation: number;
  readonly position: number;
  readonly state: Stage;
}

export const checkpointsOf = async (client: PoolClient, name: string): Promise<CheckpointRow[]> => {
  const { rows } = await client.query('SELECT version, generation, position, state FROM projection_checkpoints WHERE projection = $1', [
    name,
  ]);
  return rows.map((r) => ({ version: r.version, generation: r.generation, position: Number(r.position), state: r.state }));
};

const inTransaction = async (client: PoolClient, work: () => Promise<void>): Promise<void> => {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
};

/**
 * Makes the tables of the projection version's next generation, without keys or indexes, after
 * dropping any left there by a rebuild that never registered them (a crash, a Ctrl-C). Nothing
 * reads or applies to them until `registerGeneration`.
 */
export const prepareGeneration = async (client: PoolClient, projection: Projection): Promise<number> => {
  const ofVersion = (await checkpointsOf(client, projection.name)).filter((r) => r.version === projection.version);
  const generation = ofVersion.length === 0 ? 0 : Math.max(...ofVersion.map((r) => r.generation)) + 1;
  const t = tableNames({ version: projection.version, generation });
  await inTransaction(client, async () => {
    for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${t(table)} CASCADE`);
    await client.query(projection.schema(t));
  });
  return generation;
};

/**
 * Drops the generations a failed rebuild registered but never swapped in. Only those beside a
 * live generation of the same version: no projector applies to them (it keeps the live one).
 */
export const dropStaleRebuilds = async (client: PoolClient, projection: Projection): Promise<void> => {
  const ofVersion = (await checkpointsOf(client, projection.name)).filter((r) => r.version === projection.version);
  if (!ofVersion.some((r) => r.state === 'live')) return;
  for (const row of ofVersion.filter((r) => r.state === 'building' && r.generation > 0)) {
    await inTransaction(client, async () => {
      for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${tableNames(row)(table)} CASCADE`);
      await client.query(`DELETE FROM projection_checkpoints WHERE projection = $1 AND version = $2 AND generation = $3`, [
        projection.name,
        row.version,
        row.generation,
      ]);
    });
  }
};

/** Drops the tables of a prepared generation that was never registered. */
export const dropUnregistered = async (client: PoolClient, projection: Projection, generation: number): Promise<void> => {
  const t = tableNames({ version: projection.version, generation });
  const known = (await checkpointsOf(client, projection.name)).some((r) => r.version === projection.version && r.generation === generation);
  if (!known) for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${t(table)} CASCADE`);
};

/**
 * Adds the keys and indexes of a prepared generation and records it as having applied
 * everything up to `position`: `building` beside a live one, or live at once when there is none.
 */
export const registerGeneration = async (
  client: PoolClient,
  projection: Projection,
  generation: number,
  position: number,
): Promise<CheckpointRow> => {
  const state: Stage = (await checkpointsOf(client, projection.name)).some((r) => r.state === 'live') ? 'building' : 'live';
  await inTransaction(client, async () => {
    await client.query(projection.indexes(tableNames({ version: projection.version, generation })));
    await client.query(
      `INSERT INTO projection_checkpoints (projection, version, generation, position, state) VALUES ($1, $2, $3, $4, $5)`,
      [projection.name, projection.version, generation, position, state],
    );
    if (state === 'live') await pointViewsAt(client, projection, generation);
  });
  return { version: projection.version, generation, position, state };
};

/** A new generation of the projection's version, with its indexes, from position 0. */
export const createGeneration = async (client: PoolClient, projection: Projection): Promise<CheckpointRow> =>
  registerGeneration(client, projection, await prepareGeneration(client, projection), 0);

/** The generation of this version the projector should keep: the live one, else one being built, else a new one. */
export const ensureProjection = async (client: PoolClient, projection: Projection): Promise<CheckpointRow> => {
  const ofVersion = (await checkpointsOf(client, projection.name)).filter((r) => r.version === projection.version && r.state !== 'retired');
  const live = ofVersion.find((r) => r.state === 'live');
  if (live) return live;
  const building = ofVersion.sort((a, b) => b.generation - a.generation)[0];
  return building ?? createGeneration(client, projection);
};

const pointViewsAt = async (client: PoolClient, projection: Projection, generation: number): Promise<void> => {
  const t = tableNames({ version: projection.version, generation });
  for (const table of projection.tables) {
    await client.query(`DROP VIEW IF EXISTS ${table}`);
    await client.query(`CREATE VIEW ${table} AS SELECT * FROM ${t(table)}`);
  }
};

/**
 * Makes a caught-up generation the one readers see, and drops the tables of the one it replaces.
 * Locks are taken in the order the others take theirs, so that none of them deadlocks with it:
 * the views first (a reader locks a view, then its table), then the old tables (a projector
 * applying a batch to them writes its rows, then its checkpoint), then the checkpoints. So it
 * waits for a batch under way; the projector's next one finds the tables gone and follows the
 * new generation.
 */
export const swapIn = async (client: PoolClient, projection: Projection, generation: number): Promise<void> =>
  inTransaction(client, async () => {
    const old = (await checkpointsOf(client, projection.name)).filter(
      (r) => r.state === 'live' && !(r.version === projection.version && r.generation === generation),
    );
    const oldTables = old.flatMap((row) => projection.tables.map((table) => tableNames(row)(table)));
    const { rows: existing } = await client.query<{ name: string }>(
      'SELECT t AS name FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) WHERE to_regclass(t) IS NOT NULL ORDER BY n',
      [[...projection.tables, ...oldTables]],
    );
    if (existing.length > 0) await client.query(`LOCK TABLE ${existing.map((r) => r.name).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    await client.query(
      `UPDATE projection_checkpoints SET state = 'retired', updated_at = now() WHERE projection = $1 AND state = 'live' AND NOT (version = $2 AND generation = $3)`,
      [projection.name, projection.version, generation],
    );
    await client.query(
      `UPDATE projection_checkpoints SET state = 'live', updated_at = now() WHERE projection = $1 AND version = $2 AND generation = $3`,
      [projection.name, projection.version, generation],
    );
    await pointViewsAt(client, projection, generation);
    for (const table of oldTables) await client.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
  });
