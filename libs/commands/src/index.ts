export * from './journey-cache';
export * from './journey-command.runner';
export * from './sealer';
