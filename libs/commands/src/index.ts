export * from './journey-cache';
export * from './journey-command.runner';
export { decideHistory, type DecisionOptions, type HistoryDecision } from './journey-decision';
export { scheduleBasisOf, withSiteSchedule } from './site-schedule';
export * from './sealer';
