import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_NULL, copyText } from '@workwell/database';
import type { Columns } from '@workwell/read-models';

// JSON.stringify escapes every line break and tab, so of the COPY specials only a backslash can appear.
const copyJson = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

const field = (value: unknown, type: string): string => {
  if (value === null || value === undefined) return COPY_NULL;
  if (type === 'jsonb' || type === 'json') return copyJson(JSON.stringify(value));
  if (type === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return copyText(String(value));
};

/**
 * Rows as lines of `COPY ... FROM STDIN` text, encoded as soon as they are made: a rebuild holds
 * text until it writes, not the histories and rows behind it, which then die young.
 */
export class CopyLines {
  readonly names: readonly string[];
  private readonly types: readonly string[];
  private lines: string[] = [];

  constructor(columns: Columns) {
    this.names = Object.keys(columns);
    this.types = this.names.map((name) => columns[name]);
  }

  add(row: Readonly<Record<string, unknown>>): void {
    const fields = new Array<string>(this.names.length);
    for (let i = 0; i < fields.length; i++) fields[i] = field(row[this.names[i]], this.types[i]);
    // Joined, a line is one flat string (concatenation would leave a chain of pieces to collect).
    this.lines.push(fields.join('\t'));
  }

  /** The lines so far, as one text; the encoder starts again empty. */
  take(): string {
    const text = this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
    this.lines = [];
    return text;
  }
}

/** Writes COPY text lines (see `CopyLines`) into `table`'s columns `names`. */
export const copyLines = async (client: PoolClient, table: string, names: readonly string[], text: string): Promise<void> => {
  if (text === '') return;
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`)));
};
