import {
  type EvaluationRow,
  type EvaluationTally,
  evaluationRows,
  mergeEvaluationTally,
  NATIONAL,
  newEvaluationTally,
  type OutcomeRecord,
  type PeriodKind,
  tallyRecord,
} from '@workwell/domain';

/** Which episodes a report counts: one site's, or every site's with the national totals. */
export interface ReportScope {
  readonly siteId?: string;
}

/** A report being tallied: one tally per period kind, merged part by part in store order. */
export type ReportTallies = Readonly<Record<PeriodKind, EvaluationTally>>;

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter'];

export const inScope = (record: OutcomeRecord, scope: ReportScope): boolean => scope.siteId === undefined || record.siteId === scope.siteId;

export const newReportTallies = (): ReportTallies =>
  Object.fromEntries(PERIOD_KINDS.map((kind) => [kind, newEvaluationTally(kind)])) as unknown as ReportTallies;

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
 * The report's rows for a period kind. With a site, the national rows are left out: they would
 * count that site alone under the national label.
 */
export const reportRows = (tallies: ReportTallies, kind: PeriodKind, scope: ReportScope): EvaluationRow[] =>
  evaluationRows(tallies[kind]).filter((row) => scope.siteId === undefined || row.siteId !== NATIONAL);
