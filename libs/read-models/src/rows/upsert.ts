import type { PoolClient } from 'pg';

/**
 * Writes many rows in one statement: `INSERT ... SELECT FROM json_to_recordset` with an
 * upsert on the key, so a batch costs one round trip however many participants it touched. As
 * `json`, not `jsonb`: documents keep the text they were written as, the same bytes a rebuild's
 * COPY writes, so live and rebuilt rows are identical.
 */
export const upsertRows = async (
  tx: PoolClient,
  table: string,
  columns: Readonly<Record<string, string>>,
  key: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> => {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = EXCLUDED.${name}`);
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${definition})
     ON CONFLICT (${key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    [JSON.stringify(rows)],
  );
};
