export * from './api-records.schema';
export * from './projection-checkpoints.schema';
