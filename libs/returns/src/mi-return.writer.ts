import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { miReturnCsv } from './mi-return.csv';
import { type MiReturnInput, miReturnTables, quarterSlug, returnTablesOf } from './mi-return.tables';
import { miReturnWorkbook } from './mi-return.workbook';

export type MiReturnFormat = 'csv' | 'xlsx';

export interface MiReturnFile {
  /** The file's name inside the directory. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

const sync = async (file: string): Promise<void> => {
  const handle = await fs.promises.open(file, 'r');
  await handle.sync().finally(() => handle.close());
};

/**
 * Writes the quarter's return into `dir`: `mi-return-Q3-24-25-summary.csv` (and `-breakdowns`,
 * `-wellbeing`) and `mi-return-Q3-24-25.xlsx`. Everything is written to temporary names first and
 * renamed only when all of it is on disk, so that a failure leaves no half-written file; a return
 * written again replaces the earlier one.
 */
export const writeMiReturn = async (
  dir: string,
  input: MiReturnInput,
  options: { readonly formats: readonly MiReturnFormat[] } = { formats: ['csv', 'xlsx'] },
): Promise<readonly MiReturnFile[]> => {
  const tables = miReturnTables(input);
  const base = `mi-return-${quarterSlug(input.quarter)}`;
  const contents: [string, Buffer][] = [];
  if (options.formats.includes('csv')) {
    const csv = miReturnCsv(tables);
    for (const table of returnTablesOf(tables)) contents.push([`${base}-${table.name}.csv`, Buffer.from(csv[table.name], 'utf8')]);
  }
  if (options.formats.includes('xlsx')) contents.push([`${base}.xlsx`, await miReturnWorkbook(tables)]);

  await fs.promises.mkdir(dir, { recursive: true });
  const partial = (file: string): string => path.join(dir, `.${file}.${process.pid}.partial`);
  try {
    for (const [file, content] of contents) {
      await fs.promises.writeFile(partial(file), content, { flag: 'wx', mode: 0o640 });
      await sync(partial(file));
    }
    for (const [file] of contents) await fs.promises.rename(partial(file), path.join(dir, file));
    await sync(dir);
  } finally {
    await Promise.all(contents.map(([file]) => fs.promises.rm(partial(file), { force: true })));
  }
  return contents.map(([file, content]) => ({ file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') }));
};
