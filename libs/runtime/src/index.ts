export * from './database.runtime';
export * from './event-store.runtime';
export * from './key-store.runtime';
export * from './migrations.runtime';
export * from './synthetic-import.runtime';
export * from './lazy.runtime';
export * from './journey-command.runtime';
