import {
  type EvaluationRow,
  type EvaluationTally,
  evaluationRows,
  mergeEvaluationTally,
  newEvaluationTally,
  type OutcomeRecord,
  PERIOD_KINDS,
  type PeriodKind,
  type ReportRange,
  type RowOptions,
  tallyRecord,
} from '@workwell/domain';

/** Which episodes a report counts: one site's, or every site's with the vanguard and national totals; facts within a date range. */
export interface ReportScope extends ReportRange {
  readonly siteId?: string;
}

/** A report being tallied: one tally per period kind, merged part by part in store order. */
export type ReportTallies = Readonly<Record<PeriodKind, EvaluationTally>>;

export const inScope = (record: OutcomeRecord, scope: ReportScope): boolean => scope.siteId === undefined || record.siteId === scope.siteId;

export const newReportTallies = (range: ReportRange = {}): ReportTallies =>
  Object.fromEntries(
    PERIOD_KINDS.map((kind) => [kind, newEvaluationTally(kind, { from: range.from, to: range.to })]),
  ) as unknown as ReportTallies;

/**
 * The one way an episode's record enters the evaluation report, whether it came from the outcome
 * read model (the live report) or from a replay of the store (a report as of a past point).
 */
export const addToReport = (tallies: ReportTallies, record: OutcomeRecord, scope: ReportScope): void => {
  if (!inScope(record, scope)) return;
  for (const kind of PERIOD_KINDS) tallyRecord(tallies[kind], record);
};

export const mergeReportTallies = (into: ReportTallies, from: ReportTallies): void => {
  for (const kind of PERIOD_KINDS) mergeEvaluationTally(into[kind], from[kind]);
};

/**
 * The report's rows for a period kind. With a site, only that site's rows: the vanguard and
 * national rows would count that site alone under their labels.
 */
export const reportRows = (tallies: ReportTallies, kind: PeriodKind, scope: ReportScope, options: RowOptions = {}): EvaluationRow[] =>
  evaluationRows(tallies[kind], options).filter((row) => scope.siteId === undefined || row.level === 'site');
