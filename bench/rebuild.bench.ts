import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';
import { migrate } from '@workwell/database';
import { participantStreamId } from '@workwell/domain';
import { eventsByCommand, generateJourneys, replayCommands } from '@workwell/synthetic';
import { PostgresEventStore, type NewEvent } from '@workwell/event-store';
import { carry } from '@workwell/synthetic';
import { importSyntheticJourneys } from '@workwell/interchange';
import { allMigrations } from '@workwell/runtime';
import { projections } from '@workwell/read-models';
import { rebuildProjections, type RebuildResult } from '../apps/projector/src/runner/rebuild';
import { defaultThreads } from '@workwell/parallel';
import { progress, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const flag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

/** Pages through every event without projecting: the cost of reading alone, the ceiling of any rebuild. */
const readAllRate = async (store: PostgresEventStore): Promise<number> => {
  const started = performance.now();
  let events = 0;
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  return Math.round(events / ((performance.now() - started) / 1000));
};

/**
 * A store as a live service leaves it: every participant's events spread over months among
 * everyone else's, appended in recording order by 16 writers (slow to make, but it is the order
 * a rebuild must cope with; the bulk importer writes each stream in one piece).
 */
const appendInterleaved = async (store: PostgresEventStore, participants: number): Promise<number> => {
  const groups: { streamId: string; at: string; events: NewEvent[] }[] = [];
  const journeys = generateJourneys({
    seed: 1,
    participants,
    sites: 15,
    startDate: '2025-01-06',
    referralPeriodDays: 540,
    asOf: '2026-11-01T00:00:00Z',
    seal: carry,
  });
  for (const journey of journeys) {
    for (const group of eventsByCommand(replayCommands(journey.commands, { validate: false }).events)) {
      groups.push({
        streamId: participantStreamId(journey.participantId),
        at: group[0].recordedAt,
        events: group.map(({ version: _v, recordedAt: _r, ...event }) => event),
      });
    }
  }
  groups.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const streams = new Map<string, Promise<unknown>>();
  let next = 0;
  let appended = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < groups.length) {
        const group = groups[next++];
        // One stream's commands stay in their order; different streams go in parallel.
        const append = (streams.get(group.streamId) ?? Promise.resolve()).then(() =>
          store.append(group.streamId, group.events, { expectedVersion: 'any' }),
        );
        streams.set(group.streamId, append);
        await append;
        appended += group.events.length;
        if (appended % 100_000 < group.events.length) progress(`appended ${appended} events in recording order`);
      }
    }),
  );
  return appended;
};

const importGrouped = async (pool: Pool, store: PostgresEventStore, participants: number): Promise<number> =>
  (
    await importSyntheticJourneys(pool, store, {
      participants,
      seed: 1,
      now: new Date('2026-11-01T00:00:00Z'),
      masterKeys: [{ id: 'bench', key: Buffer.alloc(32, 1) }],
      participantsPerRound: 5_000,
      onProgress: (p) => progress(`imported ${p.participants} participants, ${p.events} events (${p.eventsPerSecond} events/s)`),
    })
  ).events;

/** Runs the rebuild in a fresh process: its peak memory is then its own, not the import's. */
const rebuildInWorker = (url: string, threads: number | undefined): Promise<RebuildResult & { peakRssMb: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(__dirname, 'rebuild.worker.js'), url, threads === undefined ? 'default' : String(threads)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(output) as RebuildResult & { peakRssMb: number })
        : reject(new Error(`the rebuild worker exited with ${code}`)),
    );
  });

export const rebuildBenchmark: Benchmark = {
  name: 'rebuild',
  description:
    'events/s rebuilding every read model (--participants 57000, about 1,000,000 events; --interleaved: appended in recording order, as a live store is; --threads n)',
  run: async (args) => {
    const participants = flag(args, 'participants', 57_000);
    const threads = args.includes('--threads') ? flag(args, 'threads', 1) : undefined;
    const db = await openBenchDatabase('rebuild');
    const pool = db.pool(8);
    const store = new PostgresEventStore(pool);
    try {
      await migrate(pool, allMigrations);
      const interleaved = args.includes('--interleaved');
      progress(`${interleaved ? 'appending' : 'importing'} ${participants} synthetic participants`);
      const events = interleaved ? await appendInterleaved(store, participants) : await importGrouped(pool, store, participants);
      await pool.query('VACUUM ANALYZE events');
      progress(`anchor: reading all ${events} events without projecting`);
      const readOnly = await readAllRate(store);
      progress(`read-all: ${readOnly} events/s`);
      progress('anchor: the same rebuild reading the store in global order, as before');
      const globalOrder = await rebuildProjections(pool, store, projections, { batchSize: 5_000, order: 'global' });
      progress(`global order: ${globalOrder.eventsPerSecond} events/s`);
      const result = await rebuildInWorker(db.url, threads);
      progress(`rebuild: ${result.events} events in ${result.seconds.toFixed(1)} s`);
      return {
        bench: 'rebuild',
        metric: `events per second rebuilding all ${projections.length} read models (${projections.map((p) => p.name).join(', ')})`,
        unit: 'events/s',
        value: result.eventsPerSecond,
        anchors: {
          'read-all without projecting (same store, same run)': readOnly,
          'the same rebuild in global order (same store, same run)': globalOrder.eventsPerSecond,
        },
        goal: 'at least 50,000 events/s for all read models from a store of at least 1,000,000 events',
        events: result.events,
        participants,
        store: interleaved ? 'appended in recording order (streams interleaved)' : 'bulk-imported (each stream in one piece)',
        threads: threads ?? defaultThreads(),
        seconds: Math.round(result.seconds * 10) / 10,
        peak_rss_mb: result.peakRssMb,
      };
    } finally {
      await store.close();
      await db.drop();
    }
  },
};
