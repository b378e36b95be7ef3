import type { Migration } from '@workwell/database';
import { eventStoreMigrations } from '@workwell/event-store';
import { keyStoreMigrations } from '@workwell/key-store';
import { apiRecordsMigration, projectionCheckpointsMigration, retiredTimelineMigration } from '@workwell/read-models';

/** Every library's schema, applied in the order of the migration ids. */
export const allMigrations: readonly Migration[] = [
  ...eventStoreMigrations,
  ...keyStoreMigrations,
  projectionCheckpointsMigration,
  apiRecordsMigration,
  retiredTimelineMigration,
];
