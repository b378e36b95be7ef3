import type { Pool } from 'pg';
import { bulkImport, PostgresEventStore } from '@workwell/event-store';
import { progress, rssMb, type Benchmark } from './bench';
import { openBenchDatabase, syntheticHistory } from './import.bench';

interface ReadRun {
  readonly events: number;
  readonly perSecond: number;
  readonly peakRssMb: number;
  /** After each quarter of the events: flat memory shows as no growth from one to the next. */
  readonly rssMbByQuarter: number[];
}

/** Pages through everything with `readPage`, sampling the resident set size as it goes. */
const readThrough = async (total: number, readPage: (after: number) => Promise<number[]>): Promise<ReadRun> => {
  global.gc?.();
  let peakRssMb = rssMb();
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb())), 25);
  const started = performance.now();
  let events = 0;
  const rssMbByQuarter: number[] = [];
  try {
    for (let after = 0; ;) {
      const positions = await readPage(after);
      if (positions.length === 0) break;
      events += positions.length;
      after = positions[positions.length - 1];
      if (events >= ((rssMbByQuarter.length + 1) * total) / 4) rssMbByQuarter.push(rssMb());
    }
  } finally {
    clearInterval(sampler);
  }
  return {
    events,
    perSecond: Math.round(events / ((performance.now() - started) / 1000)),
    peakRssMb: Math.max(peakRssMb, rssMb()),
    rssMbByQuarter,
  };
};

/** The anchor: plain keyset pagination over the same table, rows as pg parses them by default. */
const plainPage =
  (pool: Pool, pageSize: number) =>
  async (after: number): Promise<number[]> => {
    const { rows } = await pool.query<{ position: string }>({
      name: 'plain_keyset_page',
      text: `SELECT position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash
      FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      values: [after, pageSize],
    });
    return rows.map((row) => Number(row.position));
  };

const option = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

export const readAllBenchmark: Benchmark = {
  name: 'read-all',
  description: 'pages through 1,000,000 events in global order: readAll vs plain keyset SELECT (--page 1000 --rounds 2)',
  run: async (args) => {
    const streams = option(args, 'streams', 40_000);
    const perStream = option(args, 'events-per-stream', 25);
    const pageSize = option(args, 'page', 1_000);
    const rounds = option(args, 'rounds', 2);
    const db = await openBenchDatabase('read_all');
    try {
      const pool = db.pool(4);
      const total = streams * perStream;
      progress(`importing ${total} events to read`);
      await bulkImport(pool, syntheticHistory(streams, perStream), {
        onProgress: (p) => p.events % 250_000 === 0 && progress(`  ${p.events} imported`),
      });
      // Both readers then find the same settled table (hint bits set, visibility map current).
      await pool.query('VACUUM ANALYZE events');
      const store = new PostgresEventStore(pool);
      const baselineRssMb = rssMb();
      const ours: ReadRun[] = [];
      const plain: ReadRun[] = [];
      for (let round = 1; round <= rounds; round++) {
        ours.push(await readThrough(total, async (after) => (await store.readAll({ after, maxCount: pageSize })).map((e) => e.position)));
        const last = ours[ours.length - 1];
        progress(
          `round ${round} readAll: ${last.perSecond} events/s, rss by quarter ${last.rssMbByQuarter.join(' / ')} MB, peak ${last.peakRssMb} MB`,
        );
        plain.push(await readThrough(total, plainPage(pool, pageSize)));
        progress(`round ${round} plain keyset SELECT: ${plain[plain.length - 1].perSecond} events/s`);
      }
      const mean = (runs: ReadRun[]): number => Math.round(runs.reduce((sum, r) => sum + r.perSecond, 0) / runs.length);
      await store.close();
      return {
        bench: 'read-all',
        metric: 'events read in global order per second',
        unit: 'events/s',
        value: mean(ours),
        anchors: { plainKeysetSelect: mean(plain) },
        goal: 'at least 200,000 events/s with flat memory',
        ratioToPlainKeysetSelect: Math.round((mean(ours) / mean(plain)) * 100) / 100,
        events: ours[0].events,
        pageSize,
        baselineRssMb,
        peakRssMb: Math.max(...ours.map((r) => r.peakRssMb)),
        rssMbByQuarter: ours.map((r) => r.rssMbByQuarter),
        anchorPeakRssMb: Math.max(...plain.map((r) => r.peakRssMb)),
      };
    } finally {
      await db.drop();
    }
  },
};
