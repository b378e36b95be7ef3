export * from './database.runtime';
export * from './event-store.runtime';
export * from './key-store.runtime';
export * from './migrations.runtime';
