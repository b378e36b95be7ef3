export * from './reporting-period.values';
export * from './work-outcome.rules';
export * from './outcome-record.types';
export { EPISODE_FACT_TYPES, type EpisodeFacts, episodeFactsOf, type WellbeingScore } from './episode-facts.evolve';
export { codeListVersionsUsed, type OutcomeRecordOptions, outcomeRecords, toOutcomeRecord } from './outcome-record.report';
export * from './evaluation-row.types';
export { BREAKDOWNS, dimensionValue } from './breakdown.report';
export { DEFAULT_SUPPRESSION_THRESHOLD, evaluationReport, evaluationRows, type RowOptions } from './evaluation.report';
export {
  type EvaluationTally,
  mergeEvaluationTally,
  NATIONAL,
  newEvaluationTally,
  type ReportRange,
  rollUpEvaluationTally,
  tallyRecord,
} from './evaluation-tally.report';
export { type KaplanMeierStep, kaplanMeier, type SurvivalObservation, survivalAt } from './kaplan-meier.statistics';
export * from './median-survival.statistics';
export * from './cumulative-incidence.statistics';
export * from './time-to-work.report';
export * from './survival-curves.report';
export * from './episode-extract.rows';
