import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AS_OF, LAST_POSITION, returnRows } from '../testing/evaluation-rows.fixture';
import { miReturnCsv, returnGrid } from './mi-return.csv';
import { miReturnTables, returnTablesOf } from './mi-return.tables';
import { writeMiReturn } from './mi-return.writer';

const input = { quarter: 'Q3 24/25', rows: returnRows(), asOf: AS_OF, lastPosition: LAST_POSITION };

/** A CSV line's cells as csvLine wrote them (no line breaks inside the cells here). */
const csvCells = (line: string): string[] => {
  const cells: string[] = [];
  for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const cell = match[1] ?? '';
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    if (match[2] === '') break;
  }
  return cells;
};

const sheetCells = (sheet: ExcelJS.Worksheet, width: number): string[][] => {
  const lines: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, c) => {
      const cell = row.getCell(c + 1);
      if (cell.value === null || cell.value === undefined) return '';
      return typeof cell.value === 'number' && cell.numFmt === '0.0' ? cell.value.toFixed(1) : String(cell.value);
    });
    lines.push(cells);
  }
  return lines;
};

describe('writeMiReturn', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mi-return-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the three CSV files and the workbook, and says what it wrote', async () => {
    const written = await writeMiReturn(dir, input, { formats: ['csv', 'xlsx'] });
    expect(written.map((file) => file.file)).toEqual([
      'mi-return-Q3-24-25-summary.csv',
      'mi-return-Q3-24-25-breakdowns.csv',
      'mi-return-Q3-24-25-wellbeing.csv',
      'mi-return-Q3-24-25.xlsx',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(written.map((file) => file.file).sort());
    for (const file of written) {
      const content = fs.readFileSync(path.join(dir, file.file));
      expect(file.bytes).toBe(content.length);
      expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    }
    const csv = miReturnCsv(miReturnTables(input));
    expect(fs.readFileSync(path.join(dir, 'mi-return-Q3-24-25-summary.csv'), 'utf8')).toBe(csv.summary);
  });

  it('writes a workbook that reads back to the same cells as the CSV files, dated at the as-of instant', async () => {
    await writeMiReturn(dir, input, { formats: ['xlsx'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'mi-return-Q3-24-25.xlsx'));
    expect(workbook.created.toISOString()).toBe(AS_OF);
    expect(workbook.modified.toISOString()).toBe(AS_OF);
    const tables = miReturnTables(input);
    const csv = miReturnCsv(tables);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['summary', 'breakdowns', 'wellbeing']);
    for (const table of returnTablesOf(tables)) {
      const width = Math.max(...returnGrid(tables, table).map((cells) => cells.length));
      const fromCsv = csv[table.name]
        .split('\r\n')
        .slice(0, -1)
        .map((line) => [...csvCells(line), ...Array<string>(width).fill('')].slice(0, width));
      expect(sheetCells(workbook.getWorksheet(table.name) as ExcelJS.Worksheet, width)).toEqual(fromCsv);
    }
  });

  it('gives the same bytes for the same return, whenever it is written', async () => {
    const first = await writeMiReturn(dir, input, { formats: ['csv', 'xlsx'] });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await writeMiReturn(dir, input, { formats: ['csv', 'xlsx'] });
    expect(second).toEqual(first);
  });

  it('leaves no half-written file when the return cannot be made or written', async () => {
    await expect(writeMiReturn(dir, { ...input, quarter: 'Q5 24/25' })).rejects.toThrow(/not a financial quarter/);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.mkdirSync(path.join(dir, 'mi-return-Q3-24-25.xlsx'));
    await expect(writeMiReturn(dir, input)).rejects.toThrow();
    const csv = miReturnCsv(miReturnTables(input));
    expect(fs.readdirSync(dir).filter((file) => file.startsWith('.'))).toEqual([]);
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.csv'))) {
      expect(Object.values(csv)).toContain(fs.readFileSync(path.join(dir, file), 'utf8'));
    }
  });
});
