import { loadConfig } from '@workwell/config';
import { createPool, migrate } from '@workwell/database';
import { allMigrations, openDatabase } from '@workwell/runtime';
import type { CliCommand } from '../command';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or update the database schema (npm start does this for you).',
  usage: '',
  help: 'Uses DATABASE_URL, or the embedded PostgreSQL in the data directory.',
  options: {},
  run: async () => {
    const config = loadConfig();
    const database = await openDatabase(config, () => undefined);
    const pool = createPool(database.url);
    try {
      const applied = await migrate(pool, allMigrations);
      process.stdout.write(applied.length ? `applied ${applied.length} migrations: ${applied.join(', ')}\n` : 'the schema is up to date\n');
    } finally {
      await pool.end();
      await database.embedded?.stop();
    }
  },
};
