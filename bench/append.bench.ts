import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { PostgresEventStore, type NewEvent } from '@workwell/event-store';
import { percentile, progress, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const writers = 16;
const streamsPerWriter = 200;

/** Appends one event to `streamId`, which is at `version`; resolves when it is committed. */
type AppendOne = (streamId: string, version: number, event: NewEvent) => Promise<void>;

interface Measured {
  readonly events: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

const sampleEvent = (writer: number, n: number): NewEvent => ({
  type: 'SessionAttended',
  schemaVersion: 1,
  data: {
    participantId: `p-${writer}-${n % streamsPerWriter}`,
    coachId: `coach-${writer}`,
    sessionId: `s-${n}`,
    attendedOn: '2026-03-01',
    note: 'Attended the weekly session, agreed next steps on the phased return plan with the line manager.',
    scores: { wellbeing: n % 10, confidence: (n * 7) % 10 },
  },
  metadata: {
    actor: `coach-${writer}`,
    correlationId: `cmd-${writer}-${n}`,
    causationId: `cmd-${writer}-${n}`,
    occurredAt: '2026-03-01T10:00:00.000Z',
  },
});

/** 16 writers, each appending single events round-robin to its own streams with the exact expected version. */
const measure = async (label: string, round: number, seconds: number, appendOne: AppendOne): Promise<Measured> => {
  const latenciesMs: number[] = [];
  let events = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const versions = new Array<number>(streamsPerWriter).fill(0);
      for (let n = 0; performance.now() < deadline; n++) {
        const slot = n % streamsPerWriter;
        const t = performance.now();
        await appendOne(`${label}-r${round}-w${writer}-s${slot}`, versions[slot], sampleEvent(writer, n));
        latenciesMs.push(performance.now() - t);
        versions[slot]++;
        events++;
      }
    }),
  );
  return { events, seconds: (performance.now() - started) / 1000, latenciesMs };
};

const summarise = (runs: Measured[]): { perSecond: number; p50: number; p99: number } => {
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const events = runs.reduce((sum, r) => sum + r.events, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  return { perSecond: Math.round(events / seconds), p50: round2(percentile(latencies, 50)), p99: round2(percentile(latencies, 99)) };
};

const option = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

export const appendBenchmark: Benchmark = {
  name: 'append',
  description: 'single-event appends, 16 writers: ours vs Emmett 0.42 vs plain INSERT (--seconds 10 --rounds 5)',
  run: async (args) => {
    const seconds = option(args, 'seconds', 10);
    const rounds = option(args, 'rounds', 5);
    const db = await openBenchDatabase('append');
    const emmett = getPostgreSQLEventStore(db.url);
    try {
      const pool = db.pool(writers + 4);
      const ours = new PostgresEventStore(pool);
      const oursUncoalesced = new PostgresEventStore(pool, { maxConcurrentAppends: writers });
      await pool.query(`CREATE TABLE plain_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL, type text NOT NULL,
        data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version))`);
      const plainSql = 'INSERT INTO plain_events (stream_id, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)';
      const contenders: Record<string, AppendOne> = {
        ours: async (streamId, version, event) =>
          void (await ours.append(streamId, [event], { expectedVersion: version === 0 ? 'no_stream' : version })),
        emmett: async (streamId, version, event) =>
          void (await emmett.appendToStream(
            streamId,
            [{ type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata }],
            {
              expectedStreamVersion: version === 0 ? STREAM_DOES_NOT_EXIST : BigInt(version),
            },
          )),
        plainInsert: async (streamId, version, event) =>
          void (await pool.query(plainSql, [
            streamId,
            version + 1,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          ])),
        // Same SQL as a named prepared statement: how much of the gap is just parsing and planning.
        plainInsertPrepared: async (streamId, version, event) =>
          void (await pool.query({
            name: 'plain_insert',
            text: plainSql,
            values: [streamId, version + 1, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
          })),
        oursUncoalesced: async (streamId, version, event) =>
          void (await oursUncoalesced.append(streamId, [event], { expectedVersion: version === 0 ? 'no_stream' : version })),
      };
      // Warm up: Emmett creates its schema on first use, every contender prepares its statements.
      for (const [label, appendOne] of Object.entries(contenders)) await measure(`${label}-warmup`, 0, 0.5, appendOne);
      const runs: Record<string, Measured[]> = Object.fromEntries(Object.keys(contenders).map((label) => [label, []]));
      // Interleaved rounds, so that a noisy moment on the machine does not fall on one contender only.
      for (let round = 1; round <= rounds; round++) {
        for (const [label, appendOne] of Object.entries(contenders)) {
          const run = await measure(label, round, seconds / rounds, appendOne);
          runs[label].push(run);
          progress(`round ${round} ${label}: ${Math.round(run.events / run.seconds)} appends/s`);
        }
      }
      const results = Object.fromEntries(Object.entries(runs).map(([label, measured]) => [label, summarise(measured)]));
      const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
      return {
        bench: 'append',
        metric: 'single-event appends/s, 16 concurrent writers',
        unit: 'events/s',
        value: results.ours.perSecond,
        anchors: { emmett: results.emmett.perSecond, plainInsert: results.plainInsert.perSecond },
        goal: 'at least 3x Emmett and at least 80% of plain INSERT',
        ratios: {
          vsEmmett: ratio(results.ours.perSecond, results.emmett.perSecond),
          vsPlainInsert: ratio(results.ours.perSecond, results.plainInsert.perSecond),
          vsPlainInsertPrepared: ratio(results.ours.perSecond, results.plainInsertPrepared.perSecond),
        },
        latencyMs: Object.fromEntries(Object.entries(results).map(([label, r]) => [label, { p50: r.p50, p99: r.p99 }])),
        also: { plainInsertPrepared: results.plainInsertPrepared.perSecond, oursUncoalesced: results.oursUncoalesced.perSecond },
        secondsPerContender: seconds,
      };
    } finally {
      await emmett.close().catch(() => undefined);
      await db.drop();
    }
  },
};
