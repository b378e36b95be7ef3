export * from './journey-cache';
export * from './journey-command.runner';
export { decideHistory, type HistoryDecision } from './journey-decision';
export * from './sealer';
