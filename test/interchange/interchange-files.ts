import fs from 'node:fs';
import path from 'node:path';
import { PostgresEventStore } from '@workwell/event-store';
import { PostgresKeyStore } from '@workwell/key-store';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';

export const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'interchange', 'elemental-leeds.jsonl');
export const masterKeys = [{ id: 'm1', key: Buffer.alloc(32, 5) }];
export const admin = { userId: 'dpo-1', role: 'admin' as const, organisation: 'icb-west-yorkshire', site: 'national' };

export type Row = Record<string, unknown> & { row: number; participantRef: string; data: Record<string, unknown> };

/** The example file's header and rows, as objects to build other files from. */
export const exampleFile = (): { header: Record<string, unknown>; rows: Row[] } => {
  const [header, ...rows] = fs
    .readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
  return { header, rows };
};

export const writeFile = (file: string, header: unknown, rows: readonly (Row | string)[]): string => {
  fs.writeFileSync(file, [header, ...rows].map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n') + '\n');
  return file;
};

/** A participant of the example under another reference, rows renumbered from `from`. */
export const copyOf = (rows: readonly Row[], participantRef: string, ref: string, from: number): Row[] =>
  rows.filter((row) => row.participantRef === participantRef).map((row, i) => ({ ...row, row: from + i, participantRef: ref }));

export interface Engine {
  readonly db: TestDatabase;
  readonly store: PostgresEventStore;
  readonly keys: PostgresKeyStore;
  close(): Promise<void>;
}

export const openEngine = async (): Promise<Engine> => {
  const db = await createTestDatabase(allMigrations);
  const store = new PostgresEventStore(db.pool);
  return {
    db,
    store,
    keys: new PostgresKeyStore(db.pool, masterKeys),
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
};

/** The rejection report as rows of cells (a naive split: the sentences here hold no quotes or line breaks around commas that matter). */
export const rejections = (file: string): { row: number; participant: string; code: string }[] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => {
      const [row, participant, code] = line.split(',');
      return { row: Number(row), participant, code };
    });
