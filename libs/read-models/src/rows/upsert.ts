import type { QueryConfig } from 'pg';

/**
 * Writes many rows in one statement: `INSERT ... SELECT FROM json_to_recordset` with an
 * upsert on the key, so a batch costs one statement however many participants it touched. As
 * `json`, not `jsonb`: documents keep the text they were written as, the same bytes a rebuild's
 * COPY writes, so live and rebuilt rows are identical. No rows, no statement.
 */
export const upsertRows = (
  table: string,
  columns: Readonly<Record<string, string>>,
  key: readonly string[],
  rows: readonly Record<string, unknown>[],
): QueryConfig[] => {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = EXCLUDED.${name}`);
  return [
    {
      text: `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${definition})
     ON CONFLICT (${key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
      values: [JSON.stringify(rows)],
    },
  ];
};
