import type { PoolClient } from 'pg';
import { tableNames, type Projection } from './projection';

export type Stage = 'building' | 'live' | 'retired';

export interface CheckpointRow {
  readonly version: number;
  readonly position: number;
  readonly state: Stage;
}

export const checkpointsOf = async (client: PoolClient, name: string): Promise<CheckpointRow[]> => {
  const { rows } = await client.query('SELECT version, position, state FROM projection_checkpoints WHERE projection = $1', [name]);
  return rows.map((r) => ({ version: r.version, position: Number(r.position), state: r.state }));
};

/** Creates the tables of this version if it has none yet; the first version of a projection goes live at once. */
export const ensureProjection = async (client: PoolClient, projection: Projection): Promise<CheckpointRow> => {
  const rows = await checkpointsOf(client, projection.name);
  const mine = rows.find((r) => r.version === projection.version);
  if (mine && mine.state !== 'retired') return mine;
  const state: Stage = rows.some((r) => r.state === 'live') ? 'building' : 'live';
  await client.query('BEGIN');
  try {
    const t = tableNames(projection);
    for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${t(table)} CASCADE`);
    await client.query(projection.schema(t));
    await client.query(
      `INSERT INTO projection_checkpoints (projection, version, position, state) VALUES ($1, $2, 0, $3)
       ON CONFLICT (projection, version) DO UPDATE SET position = 0, state = EXCLUDED.state, updated_at = now()`,
      [projection.name, projection.version, state],
    );
    if (state === 'live') await pointViewsAt(client, projection);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return { version: projection.version, position: 0, state };
};

const pointViewsAt = async (client: PoolClient, projection: Projection): Promise<void> => {
  const t = tableNames(projection);
  for (const table of projection.tables) {
    await client.query(`DROP VIEW IF EXISTS ${table}`);
    await client.query(`CREATE VIEW ${table} AS SELECT * FROM ${t(table)}`);
  }
};

/** Makes a caught-up rebuilt version the one readers see, and drops the tables of the old one. */
export const swapIn = async (client: PoolClient, projection: Projection): Promise<void> => {
  await client.query('BEGIN');
  try {
    const old = (await checkpointsOf(client, projection.name)).filter((r) => r.state === 'live' && r.version !== projection.version);
    await client.query(`UPDATE projection_checkpoints SET state = 'retired', updated_at = now() WHERE projection = $1 AND state = 'live'`, [projection.name]);
    await client.query(`UPDATE projection_checkpoints SET state = 'live', updated_at = now() WHERE projection = $1 AND version = $2`, [projection.name, projection.version]);
    await pointViewsAt(client, projection);
    for (const row of old) {
      for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${tableNames(row)(table)} CASCADE`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
};
