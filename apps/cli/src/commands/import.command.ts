import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, loadSecrets } from '@workwell/config';
import { createPool, migrate } from '@workwell/database';
import type { Actor } from '@workwell/domain';
import { PostgresEventStore } from '@workwell/event-store';
import {
  importInterchangeFile,
  importSyntheticJourneys,
  InterchangeFileError,
  type InterchangeImportProgress,
} from '@workwell/interchange';
import { allMigrations, createKeyStore, openDatabase } from '@workwell/runtime';
import { positiveInteger, requiredString, seedOption, threadsOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { withEngine } from '../engine-session';
import { endProgress, progressLine } from '../progress';

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

const showProgress = (p: InterchangeImportProgress): void => {
  const share = p.bytes > 0 ? Math.min(1, p.bytesRead / p.bytes) : 1;
  const filled = Math.round(share * 20);
  progressLine(
    `imported [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(share * 100)).padStart(3)}% of ${megabytes(p.bytes)}, ` +
      `${p.participants.toLocaleString('en-GB')} participants read, ${p.imported.toLocaleString('en-GB')} written, ` +
      `${p.events.toLocaleString('en-GB')} events, ${p.eventsPerSecond.toLocaleString('en-GB')} events/s`,
  );
};

const importFile = async (file: string, parsed: ParsedArgs): Promise<number> => {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const rejectionsFile =
    (parsed.values.rejections as string | undefined) ??
    path.join(path.dirname(file), `${path.basename(file).replace(/\.jsonl?$/, '')}.rejections.csv`);
  const importedBy: Actor = {
    userId: (parsed.values['imported-by'] as string | undefined) ?? os.userInfo().username,
    role: 'admin',
    organisation: 'workwell-cli',
    site: 'national',
  };
  const result = await withEngine(async ({ config, pool, eventStore }) => {
    await migrate(pool, allMigrations);
    const secrets = loadSecrets(config);
    return importInterchangeFile(eventStore, {
      file,
      rejectionsFile,
      keyStore: createKeyStore(pool, secrets),
      masterKeys: secrets.masterKeys,
      importedBy,
      now: new Date(),
      dryRun: parsed.values['dry-run'] === true,
      threads: threadsOption(parsed),
      onProgress: showProgress,
    }).catch((error: unknown) => {
      if (error instanceof InterchangeFileError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    });
  });
  endProgress();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.rows.rejected > 0 ? 1 : 0;
};

const importSynthetic = async (parsed: ParsedArgs): Promise<void> => {
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
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: "Bring a site's history in from a workwell-interchange file, or fill the store with synthetic journeys.",
  usage:
    '<file> [--dry-run] [--rejections <file>] [--imported-by <user>] [--threads <n>] | --synthetic <participants> [--seed <n>] [--sites <n>] [--threads <n>]',
  help: [
    '<file>: a workwell-interchange/1 file (JSON Lines, docs/interchange.md). Every row goes through the journey rules; a participant',
    'with a rejected row is not imported (the rejection report, CSV, says why for each row: <file>.rejections.csv unless --rejections).',
    'Personal data is sealed under a fresh key per participant; events keep their original recording times and recorders.',
    'Running the same file again imports nothing twice; a run that stopped half-way is finished by the next. --dry-run writes nothing.',
    'Prints progress on stderr and one JSON line of counts; exits 1 when any row was rejected.',
    'A large file is read in parts of whole participants on --threads <n> threads (default one per core, 8 MB a thread at least).',
    '--synthetic <n>: synthetic journeys through the bulk importer (COPY), for demos and benchmarks; --threads <n> (default one per core).',
    'The projector (npm start) then builds the read models; or run `workwell rebuild`.',
    'Examples: npx workwell import examples/interchange/elemental-leeds.jsonl --dry-run; npx workwell import --synthetic 10000',
  ].join('\n'),
  options: {
    synthetic: {
      type: 'string',
      value: '<participants>',
      description: 'How many synthetic participants to generate and import (instead of a file).',
    },
    seed: {
      type: 'string',
      value: '<n>',
      description:
        'With --synthetic: generate the same journeys as an earlier run with this seed (printed by every run); a fresh seed by default, so imports never collide.',
    },
    sites: { type: 'string', value: '<n>', description: 'With --synthetic: how many sites the participants are spread over (default 15).' },
    threads: {
      type: 'string',
      value: '<n>',
      description:
        'Decide and import parts of the file (with --synthetic: generate and import shares) on n threads (default: one per core).',
    },
    'dry-run': { type: 'boolean', description: 'Check every row against the journey rules and report, writing nothing.' },
    rejections: { type: 'string', value: '<file>', description: 'Where the rejection report (CSV) goes (default <file>.rejections.csv).' },
    'imported-by': { type: 'string', value: '<user>', description: 'Who is importing, kept with the journal of the run.' },
  },
  run: async (parsed) => {
    const [file, ...extra] = parsed.positionals;
    if (extra.length > 0) throw new UsageError('import takes one file at a time');
    if (file !== undefined && parsed.values.synthetic !== undefined) throw new UsageError('give a file or --synthetic, not both');
    if (file !== undefined) return importFile(file, parsed);
    if (parsed.values.synthetic === undefined)
      throw new UsageError('name the file to import: workwell import <file> (or --synthetic <participants>)');
    await importSynthetic(parsed);
  },
};
