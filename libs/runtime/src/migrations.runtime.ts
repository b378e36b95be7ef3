import type { Migration } from '@workwell/database';

/** Every library's schema, in the order the migration ids give. */
export const allMigrations: readonly Migration[] = [];
