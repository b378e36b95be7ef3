export * from './partition-pool';
