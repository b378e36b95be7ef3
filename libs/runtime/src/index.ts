export * from './database.runtime';
export * from './event-store.runtime';
export * from './migrations.runtime';
