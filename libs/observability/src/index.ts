export * from './logger';
export * from './metrics';
export * from './redaction';
export * from './health-check';
