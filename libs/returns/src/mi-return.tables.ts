import {
  type EvaluationRow,
  type IsoInstant,
  isFinancialQuarter,
  isIsoInstant,
  PROGRAMME_TO_DATE,
  type Ratio,
  type RowLevel,
} from '@workwell/domain';

/** A cell of a return: null is an empty cell, never a zero. */
export type ReturnCell = string | number | null;

/**
 * How a column's cells read: `count` cells are whole numbers, `percent` and `score` cells are
 * text with one decimal (`'60.0'`), or `'suppressed'`. The workbook stores those as numbers.
 */
export type ReturnColumnKind = 'text' | 'count' | 'percent' | 'score';

export interface ReturnColumn {
  readonly header: string;
  readonly kind: ReturnColumnKind;
}

export interface ReturnTable {
  readonly name: 'summary' | 'breakdowns' | 'wellbeing';
  readonly columns: readonly ReturnColumn[];
  readonly rows: readonly (readonly ReturnCell[])[];
}

export interface MiReturnInput {
  /** The financial quarter, as DWP names it: `Q3 24/25`. */
  readonly quarter: string;
  /** The evaluation report's financial-quarter and programme-to-date rows, every level; others are ignored. */
  readonly rows: readonly EvaluationRow[];
  readonly asOf: IsoInstant;
  readonly lastPosition: number;
}

export interface MiReturnTables {
  readonly quarter: string;
  readonly asOf: IsoInstant;
  /** What the return was computed from, as `[label, value]` lines heading every file. */
  readonly about: readonly (readonly [string, string | number])[];
  readonly summary: ReturnTable;
  readonly breakdowns: ReturnTable;
  readonly wellbeing: ReturnTable;
}

export const GENERATED_BY = 'WorkWell Journey Engine';
export const SUPPRESSED = 'suppressed';

const LEVEL_ORDER: Readonly<Record<RowLevel, number>> = { national: 0, vanguard: 1, site: 2 };

const byLevelThenId = (a: EvaluationRow, b: EvaluationRow): number =>
  LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0);

const keyOf = (row: EvaluationRow): string => `${row.level}\u0000${row.siteId}`;

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

/** Rounded half up from the counts in one division, so that 1 of 16 is 6.3 whatever the rate's floating point. */
const percentOf = (count: number | null, of: number | null): string | null =>
  count === null || of === null || of === 0 ? null : (Math.round((count * 1000) / of) / 10).toFixed(1);

const percent = (figure: Ratio | null): string | null => (figure === null ? null : percentOf(figure.count, figure.of));

const column = (header: string, kind: ReturnColumnKind): ReturnColumn => ({ header, kind });

const SUMMARY_COLUMNS: readonly ReturnColumn[] = [
  column('level', 'text'),
  column('id', 'text'),
  column('referrals', 'count'),
  column('starts', 'count'),
  column('start target', 'count'),
  column('starts as % of target', 'percent'),
  column('conversion %', 'percent'),
  column('first contact within 2 working days %', 'percent'),
  column('signed plan within 20 working days %', 'percent'),
  column('satisfaction %', 'percent'),
  column('in-work or job outcome %', 'percent'),
  column('referrals to date', 'count'),
  column('starts to date', 'count'),
  column('start target to date', 'count'),
  column('starts as % of target to date', 'percent'),
];

const BREAKDOWN_COLUMNS: readonly ReturnColumn[] = [
  column('level', 'text'),
  column('id', 'text'),
  column('measure', 'text'),
  column('by', 'text'),
  column('value', 'text'),
  column('count', 'count'),
  column('of', 'count'),
  column('rate %', 'percent'),
];

const WELLBEING_COLUMNS: readonly ReturnColumn[] = [
  column('level', 'text'),
  column('id', 'text'),
  column('instrument', 'text'),
  column('at', 'text'),
  column('participants', 'count'),
  column('mean score', 'score'),
];

/** The value of every breakdown's own total line: codes are kebab-case, so it cannot be a group's. */
export const ALL_GROUPS = '(all)';

const summaryLine = (quarter: EvaluationRow | undefined, toDate: EvaluationRow | undefined): ReturnCell[] => {
  const row = (quarter ?? toDate) as EvaluationRow;
  return [
    row.level,
    row.siteId,
    quarter?.referrals.total ?? null,
    quarter?.starts ?? null,
    quarter?.startTarget ?? null,
    percent(quarter?.startsAgainstTarget ?? null),
    percent(quarter?.conversion ?? null),
    percent(quarter?.firstContactStandard ?? null),
    percent(quarter?.signedPlanStandard ?? null),
    percent(quarter?.satisfaction ?? null),
    percent(quarter?.cohort.anyWorkOutcome ?? null),
    toDate?.referrals.total ?? null,
    toDate?.starts ?? null,
    toDate?.startTarget ?? null,
    percent(toDate?.startsAgainstTarget ?? null),
  ];
};

const breakdownLines = (row: EvaluationRow): ReturnCell[][] =>
  row.breakdowns.flatMap((breakdown) => [
    [
      row.level,
      row.siteId,
      breakdown.measure,
      breakdown.by,
      ALL_GROUPS,
      breakdown.total.count,
      breakdown.total.of,
      percent(breakdown.total),
    ],
    ...breakdown.groups.map((group): ReturnCell[] => [
      row.level,
      row.siteId,
      breakdown.measure,
      breakdown.by,
      group.value,
      ...(group.suppressed
        ? [SUPPRESSED, SUPPRESSED, SUPPRESSED]
        : [group.count, group.of, group.rate === null ? null : percentOf(group.count, group.of)]),
    ]),
  ]);

const wellbeingLines = (row: EvaluationRow): ReturnCell[][] =>
  row.wellbeing.map((figure) => [
    row.level,
    row.siteId,
    figure.instrument,
    figure.at,
    ...(figure.suppressed
      ? [SUPPRESSED, SUPPRESSED]
      : [figure.participants, figure.meanScore === null ? null : oneDecimal(figure.meanScore)]),
  ]);

const checkProvenance = (input: MiReturnInput): void => {
  if (!isFinancialQuarter(input.quarter)) throw new RangeError(`${input.quarter} is not a financial quarter such as "Q3 24/25"`);
  if (!isIsoInstant(input.asOf)) throw new RangeError(`${input.asOf} is not an instant`);
  for (const row of input.rows) {
    // A return names what it was computed from: rows of another cut of the store would make that a lie.
    // A row's own last position is its newest event, at or below the cut's.
    if (row.asOf !== input.asOf || row.lastPosition > input.lastPosition) {
      throw new RangeError(
        `The ${row.level} row ${row.siteId} (${row.period}) was computed as of ${row.asOf} at position ${row.lastPosition}, ` +
          `not as of ${input.asOf} at or below position ${input.lastPosition}.`,
      );
    }
  }
};

/** The quarterly MI return's tables from the evaluation report's rows: national first, then vanguards, then sites, by id. */
export const miReturnTables = (input: MiReturnInput): MiReturnTables => {
  checkProvenance(input);
  const quarterRows = input.rows.filter((row) => row.periodKind === 'financial-quarter' && row.period === input.quarter);
  const toDateRows = input.rows.filter((row) => row.periodKind === 'programme-to-date' && row.period === PROGRAMME_TO_DATE);
  const quarterByKey = new Map(quarterRows.map((row) => [keyOf(row), row]));
  const toDateByKey = new Map(toDateRows.map((row) => [keyOf(row), row]));
  const lineRows = [...new Map([...toDateRows, ...quarterRows].map((row) => [keyOf(row), row])).values()].sort(byLevelThenId);
  const orderedQuarter = [...quarterRows].sort(byLevelThenId);
  const threshold = Math.max(0, ...input.rows.map((row) => row.suppressedBelow));
  return {
    quarter: input.quarter,
    asOf: input.asOf,
    about: [
      ['return', 'WorkWell quarterly MI return'],
      ['quarter', input.quarter],
      ['as of', input.asOf],
      ['last position', input.lastPosition],
      ['suppressed below', threshold],
      ['generated by', GENERATED_BY],
    ],
    summary: {
      name: 'summary',
      columns: SUMMARY_COLUMNS,
      rows: lineRows.map((row) => summaryLine(quarterByKey.get(keyOf(row)), toDateByKey.get(keyOf(row)))),
    },
    breakdowns: { name: 'breakdowns', columns: BREAKDOWN_COLUMNS, rows: orderedQuarter.flatMap(breakdownLines) },
    wellbeing: { name: 'wellbeing', columns: WELLBEING_COLUMNS, rows: orderedQuarter.flatMap(wellbeingLines) },
  };
};

/** Every table of a return, in the order of its files and sheets. */
export const returnTablesOf = (tables: MiReturnTables): readonly ReturnTable[] => [tables.summary, tables.breakdowns, tables.wellbeing];

/** `Q3 24/25` as it goes into a file name: `Q3-24-25`. */
export const quarterSlug = (quarter: string): string => quarter.replace(/[ /]/g, '-');
