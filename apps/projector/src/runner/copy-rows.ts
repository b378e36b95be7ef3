import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_NULL, copyText } from '@workwell/database';
import type { Columns } from './projection';

const field = (value: unknown, type: string): string => {
  if (value === null || value === undefined) return COPY_NULL;
  if (type === 'jsonb' || type === 'json') return copyText(JSON.stringify(value));
  if (type === 'boolean') return value ? 't' : 'f';
  return copyText(String(value));
};

/** Writes rows through `COPY ... FROM STDIN`: a rebuild's bulk pass into fresh tables, without per-row upserts. */
export const copyRows = async (client: PoolClient, table: string, columns: Columns, rows: readonly Record<string, unknown>[]): Promise<void> => {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const types = names.map((name) => columns[name]);
  const lines: string[] = [];
  for (const row of rows) lines.push(`${names.map((name, i) => field(row[name], types[i])).join('\t')}\n`);
  await pipeline(Readable.from([lines.join('')]), client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`)));
};
