import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '@workwell/database';
import { participantStreamId } from '@workwell/domain';
import { eventsByCommand, generateJourneys, replayCommands } from '@workwell/synthetic';
import { PostgresEventStore, type NewEvent } from '@workwell/event-store';
import { allMigrations } from '@workwell/runtime';
import { carry } from '@workwell/synthetic';
import { projections } from '@workwell/read-models';
import { readModelsChannel } from '@workwell/read-models';
import { percentile, progress, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const rate = 1_000;
const seconds = 20;
const pollMs = 50;
const goalMs = 100;

interface Append {
  readonly streamId: string;
  readonly expected: number;
  readonly events: NewEvent[];
}

/** Commands of many journeys, interleaved round-robin so each participant's stay in order: what a busy service appends. */
const workload = (count: number): Append[] => {
  const perJourney = [
    ...generateJourneys({ seed: 3, participants: Math.ceil(count / 15), sites: 15, startDate: '2025-01-06', seal: carry }),
  ].map((journey) => {
    return eventsByCommand(replayCommands(journey.commands, { validate: false }).events).map((group) => ({
      streamId: participantStreamId(journey.participantId),
      expected: group[0].version - 1,
      events: group.map(({ version: _v, recordedAt: _r, ...event }) => event),
    }));
  });
  const appends: Append[] = [];
  for (let round = 0; appends.length < count; round++) {
    let any = false;
    for (const journey of perJourney) {
      if (journey[round]) {
        appends.push(journey[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return appends.slice(0, count);
};

const round = (n: number) => Math.round(n * 10) / 10;
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** A second process that keeps one core busy: the machine of the "also on a busy machine". */
const burnOneCore = (): ChildProcess => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });

interface Phase {
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly anchor_p50_ms: number;
  readonly anchor_p99_ms: number;
  readonly appends: number;
  readonly achieved_rate_per_s: number;
  readonly load_before: number[];
  readonly load_after: number[];
  readonly goal_met: boolean;
}

export const lagBenchmark: Benchmark = {
  name: 'lag',
  description: `append-to-read-model lag at ${rate} appends/s for ${seconds} s quiet, then ${seconds} s with a core burnt: p50/p99, against a ${pollMs} ms polling consumer`,
  run: async () => {
    const db = await openBenchDatabase('lag');
    const pool = db.pool(10);
    const store = new PostgresEventStore(pool);
    // The projector runs as in production, in its own process; its commits are heard through NOTIFY.
    const projector = spawn(process.execPath, [path.join(__dirname, '..', 'apps', 'projector', 'src', 'process.js')], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let burner: ChildProcess | undefined;
    const listener = new Client({ connectionString: db.url });
    let projected = 0;
    const waiting: { position: number; resolve: () => void }[] = [];
    try {
      await migrate(pool, allMigrations);
      await listener.connect();
      listener.on('notification', (message) => {
        projected = Math.max(projected, Number(message.payload));
        for (const waiter of waiting.filter((w) => w.position <= projected)) waiter.resolve();
        waiting.splice(0, waiting.length, ...waiting.filter((w) => w.position > projected));
      });
      await listener.query(`LISTEN ${readModelsChannel}`);
      const projectedUpTo = (position: number) =>
        position <= projected ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ position, resolve }));
      const appends = workload(rate * seconds * 2);
      const append = ({ streamId, events, expected }: Append) =>
        store.append(streamId, events, { expectedVersion: expected === 0 ? 'no_stream' : expected });
      // Measured from a running projector, not from its process start: the first command has been applied.
      await projectedUpTo((await append(appends[0])).position);

      const phase = async (name: string, commands: readonly Append[]): Promise<Phase> => {
        progress(`${name}: appending ${commands.length} commands at ${rate}/s while the projector runs (load ${load().join(' ')})`);
        const load_before = load();
        const ours: number[] = [];
        const polled: number[] = [];
        const pending = new Map<number, number>();
        let polling = true;
        // The anchor: a consumer that asks every 50 ms, as Emmett's processors do.
        let cursor = await store.headPosition();
        const poller = (async () => {
          while (polling) {
            const page = await store.readAll({ after: cursor, maxCount: 5_000 });
            const now = performance.now();
            for (const event of page) {
              const sent = pending.get(event.position);
              if (sent !== undefined) polled.push(now - sent);
            }
            if (page.length) cursor = page[page.length - 1].position;
            await new Promise((resolve) => setTimeout(resolve, pollMs));
          }
        })();
        const started = performance.now();
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < commands.length; i++) {
          const due = started + (i * 1000) / rate;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
          const sent = performance.now();
          inFlight.push(
            append(commands[i]).then(async (result) => {
              pending.set(result.position, sent);
              await projectedUpTo(result.position);
              ours.push(performance.now() - sent);
            }),
          );
          if (i % rate === 0 && i > 0) progress(`${name} ${i / rate} s: ${i} appended`);
        }
        await Promise.all(inFlight);
        const achieved = commands.length / ((performance.now() - started) / 1000);
        await new Promise((resolve) => setTimeout(resolve, pollMs * 3));
        polling = false;
        await poller;
        ours.sort((a, b) => a - b);
        polled.sort((a, b) => a - b);
        const p99 = round(percentile(ours, 99));
        const anchorP99 = round(percentile(polled, 99));
        return {
          p50_ms: round(percentile(ours, 50)),
          p99_ms: p99,
          anchor_p50_ms: round(percentile(polled, 50)),
          anchor_p99_ms: anchorP99,
          appends: ours.length,
          achieved_rate_per_s: Math.round(achieved),
          load_before,
          load_after: load(),
          goal_met: p99 <= anchorP99 && p99 <= goalMs,
        };
      };

      const half = rate * seconds;
      const quiet = await phase('quiet', appends.slice(1, half));
      burner = burnOneCore();
      const busy = await phase('busy', appends.slice(half));
      return {
        bench: 'lag',
        metric: `append to read models committed (${projections.map((p) => p.name).join(', ')}), p99, the worse of quiet and one core burnt`,
        unit: 'ms',
        value: Math.max(quiet.p99_ms, busy.p99_ms),
        anchors: {
          [`${pollMs} ms polling consumer, p99 (applies nothing), quiet`]: quiet.anchor_p99_ms,
          [`${pollMs} ms polling consumer, p99 (applies nothing), one core burnt`]: busy.anchor_p99_ms,
        },
        goal: `p99 at most the polling consumer's and at most ${goalMs} ms at ${rate} events/s, quiet and with one core burnt`,
        goal_met: quiet.goal_met && busy.goal_met,
        quiet,
        busy,
      };
    } finally {
      burner?.kill('SIGKILL');
      projector.kill('SIGTERM');
      await listener.end().catch(() => undefined);
      await store.close();
      await db.drop();
    }
  },
};
