import type { PoolClient } from 'pg';
import { tableNames, type Projection } from './projection';

export type Stage = 'building' | 'live' | 'retired';

export interface CheckpointRow {
  readonly version: number;
  readonly generation: number;
  readonly position: number;
  readonly state: Stage;
}

export const checkpointsOf = async (client: PoolClient, name: string): Promise<CheckpointRow[]> => {
  const { rows } = await client.query('SELECT version, generation, position, state FROM projection_checkpoints WHERE projection = $1', [name]);
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

/** Creates a new generation of the projection's version, `building` beside a live one or live at once when there is none. */
export const createGeneration = async (client: PoolClient, projection: Projection): Promise<CheckpointRow> => {
  const rows = await checkpointsOf(client, projection.name);
  const ofVersion = rows.filter((r) => r.version === projection.version);
  const generation = ofVersion.length === 0 ? 0 : Math.max(...ofVersion.map((r) => r.generation)) + 1;
  const state: Stage = rows.some((r) => r.state === 'live') ? 'building' : 'live';
  const t = tableNames({ version: projection.version, generation });
  await inTransaction(client, async () => {
    for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${t(table)} CASCADE`);
    await client.query(projection.schema(t));
    await client.query(`INSERT INTO projection_checkpoints (projection, version, generation, position, state) VALUES ($1, $2, $3, 0, $4)`, [projection.name, projection.version, generation, state]);
    if (state === 'live') await pointViewsAt(client, projection, generation);
  });
  return { version: projection.version, generation, position: 0, state };
};

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

/** Makes a caught-up generation the one readers see, and drops the tables of the one it replaces. */
export const swapIn = async (client: PoolClient, projection: Projection, generation: number): Promise<void> =>
  inTransaction(client, async () => {
    const old = (await checkpointsOf(client, projection.name)).filter((r) => r.state === 'live');
    await client.query(`UPDATE projection_checkpoints SET state = 'retired', updated_at = now() WHERE projection = $1 AND state = 'live'`, [projection.name]);
    await client.query(`UPDATE projection_checkpoints SET state = 'live', updated_at = now() WHERE projection = $1 AND version = $2 AND generation = $3`, [projection.name, projection.version, generation]);
    await pointViewsAt(client, projection, generation);
    for (const row of old) for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${tableNames(row)(table)} CASCADE`);
  });
