import { csvLine } from '@workwell/domain';
import type { MiReturnTables, ReturnCell, ReturnTable } from './mi-return.tables';
import { returnTablesOf } from './mi-return.tables';

/**
 * The lines of one file or sheet: what the return was computed from, an empty line, then the
 * table's header and rows. The CSV files and the workbook's sheets hold exactly these cells.
 */
export const returnGrid = (tables: MiReturnTables, table: ReturnTable): readonly (readonly ReturnCell[])[] => [
  ...tables.about,
  ['table', table.name],
  [],
  table.columns.map((column) => column.header),
  ...table.rows,
];

export type MiReturnCsv = Readonly<Record<ReturnTable['name'], string>>;

/** One RFC 4180 text per table (CRLF line ends), each headed by what it was computed from. */
export const miReturnCsv = (tables: MiReturnTables): MiReturnCsv =>
  Object.fromEntries(
    returnTablesOf(tables).map((table) => [
      table.name,
      returnGrid(tables, table)
        .map((cells) => csvLine(cells))
        .join(''),
    ]),
  ) as MiReturnCsv;
