export * from './api-records.schema';
export * from './projection-checkpoints.schema';
export * from './retired-read-models.schema';
