import { loadConfig, loadSecrets } from '@workwell/config';
import { createPool, migrate } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { importSyntheticJourneys } from '@workwell/interchange';
import { allMigrations, openDatabase } from '@workwell/runtime';
import { positiveInteger, requiredString, seedOption, threadsOption, UsageError, type CliCommand } from '../command';
import { endProgress, progressLine } from '../progress';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Fill the event store with synthetic journeys through the bulk importer (COPY), for demos and benchmarks.',
  usage: '--synthetic <participants> [--seed <n>] [--sites <n>] [--threads <n>]',
  help: 'Personal data is sealed under real per-participant keys; events keep the time each entry was recorded.\nThe projector (npm start) then builds the read models; or run `workwell rebuild`.\nExample: npx workwell import --synthetic 10000',
  options: {
    synthetic: { type: 'string', value: '<participants>', description: 'How many synthetic participants to generate and import.' },
    seed: {
      type: 'string',
      value: '<n>',
      description:
        'Generate the same journeys as an earlier run with this seed (printed by every run); a fresh seed by default, so imports never collide with earlier ones.',
    },
    sites: { type: 'string', value: '<n>', description: 'How many sites the participants are spread over (default 15).' },
    threads: {
      type: 'string',
      value: '<n>',
      description: 'Generate and import shares of the participants on n threads (default: one per core).',
    },
  },
  run: async (parsed) => {
    const participants = positiveInteger(requiredString(parsed, 'synthetic'), 'synthetic', 1);
    const config = loadConfig();
    if (config.eventStore !== 'postgres')
      throw new UsageError('the bulk importer writes to the PostgreSQL event store; unset EVENT_STORE or set it to postgres');
    const secrets = loadSecrets(config);
    const seed = seedOption(parsed);
    const database = await openDatabase(config, () => undefined);
    const pool = createPool(database.url, { max: 4 });
    const store = new PostgresEventStore(pool);
    try {
      await migrate(pool, allMigrations);
      const result = await importSyntheticJourneys(pool, store, {
        participants,
        seed,
        sites: positiveInteger(parsed.values.sites as string | undefined, 'sites', 15),
        now: new Date(),
        masterKeys: secrets.masterKeys,
        threads: threadsOption(parsed),
        onProgress: (p) =>
          progressLine(
            `imported ${p.participants.toLocaleString('en-GB')}/${participants.toLocaleString('en-GB')} participants, ${p.events.toLocaleString('en-GB')} events, ${p.eventsPerSecond.toLocaleString('en-GB')} events/s`,
          ),
      });
      endProgress();
      // Fresh statistics: the planner, and the progress bars of the tools that read the store next, rely on them.
      await pool.query('ANALYZE events');
      process.stdout.write(`${JSON.stringify({ ...result, seed })}\n`);
    } finally {
      await store.close();
      await pool.end();
      await database.embedded?.stop();
    }
  },
};
