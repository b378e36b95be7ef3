export * from './synthetic-import';
