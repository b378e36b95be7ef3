import type ExcelJS from 'exceljs';
import { returnGrid } from './mi-return.csv';
import { GENERATED_BY, type MiReturnTables, returnTablesOf } from './mi-return.tables';
import { stampZipEntries } from './zip-entry-times';

const ONE_DECIMAL = /^\d+\.\d$/;

/**
 * One sheet per table, the same cells as its CSV file. Percentages and scores are stored as
 * numbers shown with one decimal (so that a spreadsheet can sum them); 'suppressed' stays text.
 * Dated at the as-of instant throughout, so that the same return always gives the same bytes.
 */
export const miReturnWorkbook = async (tables: MiReturnTables): Promise<Buffer> => {
  const at = new Date(tables.asOf);
  // Loaded when a workbook is made: half a second of start-up that no other CLI command should pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, as jest runs the sources
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const workbook = new Workbook();
  workbook.creator = GENERATED_BY;
  workbook.lastModifiedBy = GENERATED_BY;
  workbook.created = at;
  workbook.modified = at;
  workbook.title = `WorkWell quarterly MI return ${tables.quarter}`;
  for (const table of returnTablesOf(tables)) {
    const sheet = workbook.addWorksheet(table.name);
    const grid = returnGrid(tables, table);
    const headerRow = grid.length - table.rows.length;
    grid.forEach((cells, index) => {
      const row = sheet.getRow(index + 1);
      cells.forEach((cell, columnIndex) => {
        if (cell === null) return;
        const target = row.getCell(columnIndex + 1);
        const kind = index >= headerRow ? table.columns[columnIndex]?.kind : 'text';
        if ((kind === 'percent' || kind === 'score') && typeof cell === 'string' && ONE_DECIMAL.test(cell)) {
          target.value = Number(cell);
          target.numFmt = '0.0';
        } else {
          target.value = cell;
        }
      });
      if (index === headerRow - 1) row.font = { bold: true };
    });
  }
  return stampZipEntries(Buffer.from(await workbook.xlsx.writeBuffer()), at);
};
