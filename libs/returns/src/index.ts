export {
  ALL_GROUPS,
  GENERATED_BY,
  type MiReturnInput,
  type MiReturnTables,
  miReturnTables,
  quarterSlug,
  type ReturnCell,
  type ReturnColumn,
  type ReturnColumnKind,
  type ReturnTable,
  returnTablesOf,
  SUPPRESSED,
} from './mi-return.tables';
export { type MiReturnCsv, miReturnCsv, returnGrid } from './mi-return.csv';
export { miReturnWorkbook } from './mi-return.workbook';
export { type MiReturnFile, type MiReturnFormat, writeMiReturn } from './mi-return.writer';
