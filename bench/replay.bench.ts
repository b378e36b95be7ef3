import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { migrate } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { defaultThreads } from '@workwell/parallel';
import { importSyntheticJourneys } from '@workwell/interchange';
import { allMigrations } from '@workwell/runtime';
import { progress, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const flag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

const NOW = new Date('2026-11-01T00:00:00Z');
const TARGET_EVENTS = 25_000_000;
/** The goal: a national store of 25M events replayed in 5 minutes, in at most 512 MB. */
const GOAL_SECONDS = 300;
const GOAL_RSS_MB = 512;

/** The anchor: the same rows in the same order through the same kind of cursor, parsed by pg and thrown away. */
const plainCursorRate = async (pool: Pool): Promise<{ events: number; eventsPerSecond: number }> => {
  const client = await pool.connect();
  const started = performance.now();
  let events = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      `DECLARE plain NO SCROLL CURSOR FOR SELECT stream_id, version, position, type, schema_version, data, recorded_at FROM events ORDER BY stream_id, version`,
    );
    for (;;) {
      const { rowCount } = await client.query({ text: 'FETCH 20000 FROM plain', rowMode: 'array' });
      if (!rowCount) break;
      events += rowCount;
    }
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
  return { events, eventsPerSecond: Math.round(events / ((performance.now() - started) / 1000)) };
};

interface WorkerResult {
  readonly events: number;
  readonly rows: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
}

/** Runs the replay or the extract in a fresh process: its peak memory is then its own. */
const inWorker = (url: string, mode: 'replay' | 'extract', asOf: string, outDir: string, threads: number): Promise<WorkerResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(__dirname, 'replay.worker.js'), url, mode, asOf, NOW.toISOString(), outDir, String(threads)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as WorkerResult) : reject(new Error(`the ${mode} worker exited with ${code}`)),
    );
  });

export const replayBenchmark: Benchmark = {
  name: 'replay',
  description:
    'as-of replay and pseudonymised extract over synthetic journeys (--participants 1000000, about 17.6M events; --threads 1,2; with DATABASE_URL, --keep and --reuse <database>)',
  run: async (args) => {
    const participants = flag(args, 'participants', 1_000_000);
    const text = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
    const threadCounts = (text('threads') ?? String(defaultThreads('half-the-cores'))).split(',').map(Number);
    if (threadCounts.some((n) => !Number.isInteger(n) || n < 1))
      throw new Error('--threads takes whole numbers above 0, separated by commas');
    const reuse = text('reuse');
    const db = await openBenchDatabase('replay', { keep: args.includes('--keep'), reuse });
    const pool = db.pool(4);
    const store = new PostgresEventStore(pool);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-bench-extract-'));
    try {
      await migrate(pool, allMigrations);
      let imported: { participants: number; events: number; eventsPerSecond: number | null };
      if (reuse === undefined) {
        progress(`importing ${participants.toLocaleString('en-GB')} synthetic participants through the bulk importer`);
        let lastReport = performance.now();
        imported = await importSyntheticJourneys(pool, store, {
          participants,
          seed: 1,
          now: NOW,
          masterKeys: [{ id: 'bench', key: Buffer.alloc(32, 1) }],
          participantsPerRound: 5_000,
          onProgress: (p) => {
            if (performance.now() - lastReport < 15_000) return;
            lastReport = performance.now();
            progress(`imported ${p.participants} participants, ${p.events} events (${p.eventsPerSecond} events/s)`);
          },
        });
        await pool.query('VACUUM ANALYZE events');
      } else {
        const { rows } = await pool.query<{ streams: string; events: string }>(
          `SELECT count(DISTINCT stream_id) AS streams, count(*) AS events FROM events WHERE stream_id LIKE 'participant-%'`,
        );
        imported = { participants: Number(rows[0].streams), events: Number(rows[0].events), eventsPerSecond: null };
        progress(`reusing ${reuse}: ${imported.participants} participants, ${imported.events} events`);
      }
      progress(`anchor: a plain cursor over the same rows in (stream, version) order`);
      const anchor = await plainCursorRate(pool);
      progress(`anchor: ${anchor.eventsPerSecond} events/s`);

      const asOf = '2026-09-30';
      const runs = [];
      for (const threads of threadCounts) {
        const replay = await inWorker(db.url, 'replay', asOf, '', threads);
        progress(`replay on ${threads} thread(s): ${replay.events} events in ${replay.seconds} s, peak rss ${replay.peakRssMb} MB`);
        const extract = await inWorker(db.url, 'extract', asOf, path.join(outDir, `extract-${threads}`), threads);
        progress(`extract on ${threads} thread(s): ${extract.rows} rows in ${extract.seconds} s, peak rss ${extract.peakRssMb} MB`);
        runs.push({ threads, replay, extract });
      }
      const [{ replay, extract }] = runs;

      return {
        bench: 'replay',
        metric: 'events per second replaying the evaluation report as of a past date, reading every participant stream',
        unit: 'events/s',
        value: replay.eventsPerSecond,
        anchors: { 'plain cursor over the same rows, nothing computed (same run)': anchor.eventsPerSecond },
        goal: '25 million events in at most 5 minutes (83,334 events/s) with at most 512 MB resident memory',
        goal_met: replay.eventsPerSecond * GOAL_SECONDS >= TARGET_EVENTS && replay.peakRssMb <= GOAL_RSS_MB,
        threads: threadCounts[0],
        participants: imported.participants,
        events: imported.events,
        import_events_per_second: imported.eventsPerSecond,
        replay_seconds: replay.seconds,
        replay_peak_rss_mb: replay.peakRssMb,
        extract_events_per_second: extract.eventsPerSecond,
        extract_seconds: extract.seconds,
        extract_rows: extract.rows,
        extract_peak_rss_mb: extract.peakRssMb,
        projected_seconds_for_25m_events: {
          replay: Math.round(TARGET_EVENTS / replay.eventsPerSecond),
          extract: Math.round(TARGET_EVENTS / extract.eventsPerSecond),
        },
        by_threads: runs.map((run) => ({
          threads: run.threads,
          replay_events_per_second: run.replay.eventsPerSecond,
          replay_peak_rss_mb: run.replay.peakRssMb,
          extract_events_per_second: run.extract.eventsPerSecond,
          extract_peak_rss_mb: run.extract.peakRssMb,
        })),
      };
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
      await store.close();
      await db.drop();
    }
  },
};
