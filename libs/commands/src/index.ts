export * from './journey-cache';
export * from './journey-command.runner';
export { decideHistory, type DecisionOptions, type HistoryDecision } from './journey-decision';
export { withSiteSchedule } from './site-schedule';
export * from './sealer';
