import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, type Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPool, databaseUrl, migrate, startEmbeddedPostgres } from '@workwell/database';
import { bulkImport, eventStoreMigrations, type ImportStream, type NewEvent } from '@workwell/event-store';
import { freePort } from '@workwell/testing';
import {
  cpuPerUnit,
  describeCpu,
  emptyCpuTally,
  measureCpu,
  ownCpuSeconds,
  postgresCpuSeconds,
  progress,
  rssMb,
  type Benchmark,
} from './bench';

export interface BenchDatabase {
  readonly url: string;
  pool(max: number): Pool;
  /** Drops the database, stops the embedded server if one was started, and closes the pools. */
  drop(): Promise<void>;
}

const adminQuery = async (serverUrl: string, sql: string): Promise<void> => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * A fresh, migrated database: on DATABASE_URL's server when set, else on an embedded PostgreSQL
 * in a temporary directory. On DATABASE_URL's server, `keep` leaves it there afterwards and
 * `reuse` names one kept before (what a long import made, for another run of what follows it).
 */
export const openBenchDatabase = async (label: string, options: { keep?: boolean; reuse?: string } = {}): Promise<BenchDatabase> => {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async (): Promise<void> => undefined;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `workwell-bench-${label}-`));
    // The embedded server may run as another user (when we are root).
    fs.chmodSync(dataDir, 0o777);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    progress(`embedded PostgreSQL started on port ${server.port}`);
    serverUrl = server.url;
    stopServer = async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  if ((options.keep || options.reuse) && !process.env.DATABASE_URL)
    throw new Error('--keep and --reuse need DATABASE_URL: an embedded server of the benchmark goes with it');
  if (options.reuse !== undefined && !/^bench_[a-z]+_[0-9a-f]{8}$/.test(options.reuse))
    throw new Error(`--reuse takes a database a benchmark kept (bench_<name>_<hex>), not "${options.reuse}"`);
  const database = options.reuse ?? `bench_${label}_${randomBytes(4).toString('hex')}`;
  if (options.reuse === undefined) await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
  if (options.keep) progress(`keeping database ${database} (run again with --reuse ${database})`);
  const url = databaseUrl(serverUrl, database);
  const pools: Pool[] = [];
  const migrator = createPool(url, { max: 1 });
  await migrate(migrator, eventStoreMigrations);
  await migrator.end();
  return {
    url,
    pool: (max) => {
      const pool = createPool(url, { max });
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
      if (!options.keep && options.reuse === undefined)
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await stopServer();
    },
  };
};

const eventTypes = [
  'ParticipantReferred',
  'ReferralTriaged',
  'AssessmentBooked',
  'AssessmentCompleted',
  'GoalAgreed',
  'SessionAttended',
  'ProgressReviewed',
  'BarrierRecorded',
  'EmploymentStarted',
  'JourneyClosed',
];
const words =
  'participant coach agreed plan to attend weekly sessions focusing on confidence sleep routine back pain manager phased return hours adjustments review next steps'.split(
    ' ',
  );

/** A small seeded generator, so that ours and the anchor get the very same rows. */
const seeded =
  (seed: number): (() => number) =>
  () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

/** Synthetic journeys with realistic sizes (about 300 bytes of data, 200 of metadata an event). */
export function* syntheticHistory(streams: number, eventsPerStream: number, seed = 42): Generator<ImportStream> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  for (let s = 0; s < streams; s++) {
    const participantId = `p-${seed}-${s}`;
    const coachId = `coach-${Math.floor(random() * 400)}`;
    const events: NewEvent[] = [];
    for (let v = 0; v < eventsPerStream; v++) {
      const occurredAt = new Date(Date.UTC(2024, 0, 1) + (s * 7 + v) * 3_600_000).toISOString();
      events.push({
        type: eventTypes[v % eventTypes.length],
        schemaVersion: 1,
        data: {
          participantId,
          coachId,
          siteId: `site-${s % 12}`,
          note: Array.from({ length: 8 + Math.floor(random() * 24) }, () => pick(words)).join(' '),
          scores: {
            wellbeing: Math.floor(random() * 10),
            confidence: Math.floor(random() * 10),
            readiness: Math.round(random() * 100) / 10,
          },
          tags: [pick(words), pick(words)],
          occurredOn: occurredAt.slice(0, 10),
        },
        metadata: {
          actor: coachId,
          correlationId: `${participantId}-c${v}`,
          causationId: `${participantId}-c${v}`,
          occurredAt,
          source: 'legacy-case-management',
        },
      });
    }
    yield { streamId: `participant-${participantId}`, events };
  }
}

const copyText = (value: string): string =>
  value.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);

/**
 * The anchor: the same rows through COPY into a bare table, serialised with JSON.stringify, no
 * hashing, no indexes, on as many connections at once as the importer uses.
 */
export const plainCopy = async (
  pool: Pool,
  history: Iterable<ImportStream>,
  perTransaction: number,
  parallelism: number,
): Promise<number> => {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bare_events (stream_id text, version integer, event_id uuid, type text, schema_version integer, data jsonb, metadata jsonb, recorded_at timestamptz)`,
  );
  const copying = new Set<Promise<void>>();
  let total = 0;
  let lines: string[] = [];
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const pieces = Array.from({ length: Math.ceil(lines.length / 1000) }, (_, i) => lines.slice(i * 1000, (i + 1) * 1000).join(''));
    lines = [];
    while (copying.size >= parallelism) await Promise.race(copying);
    const job: Promise<void> = pool
      .connect()
      .then(async (client) => {
        try {
          await pipeline(Readable.from(pieces), client.query(copyFrom('COPY bare_events FROM STDIN')));
        } finally {
          client.release();
        }
      })
      .finally(() => copying.delete(job));
    copying.add(job);
  };
  for (const stream of history) {
    const recordedAt = new Date().toISOString();
    stream.events.forEach((event, i) => {
      lines.push(
        `${copyText(stream.streamId)}\t${i + 1}\t${randomUUID()}\t${copyText(event.type)}\t${event.schemaVersion}\t` +
          `${copyText(JSON.stringify(event.data))}\t${copyText(JSON.stringify(event.metadata))}\t${recordedAt}\n`,
      );
    });
    total += stream.events.length;
    if (lines.length >= perTransaction) await flush();
    // As the importer does: let the copies in flight move on while rows are being prepared.
    else if (lines.length % 1000 < stream.events.length) await new Promise((resolve) => setImmediate(resolve));
  }
  await flush();
  await Promise.all(copying);
  return total;
};

const option = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

export const importBenchmark: Benchmark = {
  name: 'import',
  description: 'bulk import of 1,000,000 events through COPY (--streams 40000 --events-per-stream 25 --parallelism 2)',
  run: async (args) => {
    const streams = option(args, 'streams', 40_000);
    const perStream = option(args, 'events-per-stream', 25);
    const perTransaction = option(args, 'events-per-transaction', 50_000);
    const parallelism = option(args, 'parallelism', 2);
    const db = await openBenchDatabase('import');
    try {
      const pool = db.pool(4);
      let peakRss = rssMb();
      progress(
        `importing ${streams * perStream} events (${streams} streams x ${perStream}), ours and the anchor in quarters, in the order ABBA`,
      );
      // Interleaved, as the api bench is, so that a busy spell on a shared machine falls on both alike.
      const quarter = Math.ceil(streams / 4);
      const ours = { events: 0, streams: 0, elapsedMs: 0 };
      let copied = 0;
      let copyMs = 0;
      // The CPU of this process (generating the rows, then preparing and sending them) and of PostgreSQL in
      // each one's windows: on 2 cores they share the machine, and CPU is less noisy than throughput.
      const cpu = { ours: emptyCpuTally(), anchor: emptyCpuTally() };
      const meters = { importer: ownCpuSeconds, postgres: postgresCpuSeconds };
      for (const [window, whose] of (['ours', 'anchor', 'anchor', 'ours'] as const).entries()) {
        const history = syntheticHistory(quarter, perStream, 42 + window);
        await measureCpu(cpu[whose], meters, async () => {
          if (whose === 'ours') {
            const done = await bulkImport(pool, history, {
              eventsPerTransaction: perTransaction,
              parallelism,
              onProgress: () => void (peakRss = Math.max(peakRss, rssMb())),
            });
            ours.events += done.events;
            ours.streams += done.streams;
            ours.elapsedMs += done.elapsedMs;
            progress(`  ours: ${done.events} events at ${done.eventsPerSecond} events/s, rss ${rssMb()} MB`);
          } else {
            const started = Date.now();
            const events = await plainCopy(pool, history, perTransaction, parallelism);
            copied += events;
            copyMs += Date.now() - started;
            progress(`  plain COPY: ${events} events at ${Math.round((events / (Date.now() - started)) * 1000)} events/s`);
          }
        });
      }
      const oursPerSecond = Math.round((ours.events / ours.elapsedMs) * 1000);
      const anchor = Math.round((copied / copyMs) * 1000);
      const perThousand = { ours: cpuPerUnit(cpu.ours, ours.events, 1000), anchor: cpuPerUnit(cpu.anchor, copied, 1000) };
      const labels = { importer: 'this process', postgres: 'PostgreSQL' };
      progress(`ours: ${oursPerSecond} events/s; CPU per 1,000 events: ${describeCpu(perThousand.ours, labels)}`);
      progress(`plain COPY: ${anchor} events/s; CPU per 1,000 events: ${describeCpu(perThousand.anchor, labels)}`);
      return {
        bench: 'import',
        metric: 'bulk import throughput',
        unit: 'events/s',
        value: oursPerSecond,
        anchors: { plainCopy: anchor },
        goal: 'at least 1.0x the plain COPY of the same rows into a bare table (no hashing, no indexes), on as many connections',
        goalMet: oursPerSecond >= anchor,
        events: ours.events,
        streams: ours.streams,
        elapsedMs: ours.elapsedMs,
        ratioToPlainCopy: Math.round((oursPerSecond / anchor) * 100) / 100,
        cpuMsPer1000Events: perThousand.ours.ms.importer,
        anchorCpuMsPer1000Events: perThousand.anchor.ms.importer,
        // The whole machine's CPU per 1,000 events (this process and PostgreSQL), how busy its cores
        // were, and the rate at which each would keep every core busy.
        cpuMsPer1000EventsByProcess: { ours: perThousand.ours.ms, anchor: perThousand.anchor.ms },
        machineBusy: { ours: perThousand.ours.machineBusy, anchor: perThousand.anchor.machineBusy },
        ceilingEventsPerSecond: { ours: perThousand.ours.ceilingPerSecond, anchor: perThousand.anchor.ceilingPerSecond },
        connections: parallelism,
        peakRssMb: peakRss,
      };
    } finally {
      await db.drop();
    }
  },
};
