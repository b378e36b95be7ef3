import {
  type EvaluationRow,
  type EvaluationTally,
  evaluationRows,
  mergeEvaluationTally,
  newEvaluationTally,
  type OutcomeRecord,
  type PeriodKind,
  type ReportRange,
  rollUpEvaluationTally,
  type RowOptions,
  tallyRecord,
} from '@workwell/domain';

/** Which episodes a report counts: one site's, or every site's with the vanguard and national totals; facts within a date range. */
export interface ReportScope extends ReportRange {
  readonly siteId?: string;
}

/**
 * A report being tallied, merged part by part in store order. Records are tallied by month only;
 * the other period kinds are added up from the months when their rows are asked for.
 */
export interface ReportTallies {
  readonly months: EvaluationTally;
}

export const inScope = (record: OutcomeRecord, scope: ReportScope): boolean => scope.siteId === undefined || record.siteId === scope.siteId;

export const newReportTallies = (range: ReportRange = {}): ReportTallies => ({
  months: newEvaluationTally('month', { from: range.from, to: range.to }),
});

/**
 * The one way an episode's record enters the evaluation report, whether it came from the outcome
 * read model (the live report) or from a replay of the store (a report as of a past point).
 */
export const addToReport = (tallies: ReportTallies, record: OutcomeRecord, scope: ReportScope): void => {
  if (inScope(record, scope)) tallyRecord(tallies.months, record);
};

export const mergeReportTallies = (into: ReportTallies, from: ReportTallies): void => mergeEvaluationTally(into.months, from.months);

/**
 * The report's rows for a period kind. With a site, only that site's rows: the vanguard and
 * national rows would count that site alone under their labels.
 */
export const reportRows = (tallies: ReportTallies, kind: PeriodKind, scope: ReportScope, options: RowOptions = {}): EvaluationRow[] =>
  evaluationRows(rollUpEvaluationTally(tallies.months, kind), options).filter((row) => scope.siteId === undefined || row.level === 'site');
