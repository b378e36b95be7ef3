import { spawn } from 'node:child_process';
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

export const lagBenchmark: Benchmark = {
  name: 'lag',
  description: `append-to-read-model lag at ${rate} appends/s for ${seconds} s: p50/p99, against a ${pollMs} ms polling consumer`,
  run: async () => {
    const db = await openBenchDatabase('lag');
    const pool = db.pool(10);
    const store = new PostgresEventStore(pool);
    let polling = true;
    // The projector runs as in production, in its own process; its commits are heard through NOTIFY.
    const projector = spawn(process.execPath, [path.join(__dirname, '..', 'apps', 'projector', 'src', 'process.js')], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
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
      const appends = workload(rate * seconds);
      progress(`appending ${appends.length} commands at ${rate}/s while the projector runs`);
      const ours: number[] = [];
      const polled: number[] = [];
      const pending = new Map<number, number>();
      // The anchor: a consumer that asks every 50 ms, as Emmett's processors do.
      let cursor = 0;
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
      for (let i = 0; i < appends.length; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        const append = appends[i];
        const sent = performance.now();
        inFlight.push(
          store
            .append(append.streamId, append.events, { expectedVersion: append.expected === 0 ? 'no_stream' : append.expected })
            .then(async (result) => {
              pending.set(result.position, sent);
              await projectedUpTo(result.position);
              ours.push(performance.now() - sent);
            }),
        );
        if (i % rate === 0 && i > 0) progress(`${i / rate} s: ${i} appended`);
      }
      await Promise.all(inFlight);
      await new Promise((resolve) => setTimeout(resolve, pollMs * 3));
      polling = false;
      await poller;
      ours.sort((a, b) => a - b);
      polled.sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        bench: 'lag',
        metric: `append to read models committed (${projections.map((p) => p.name).join(', ')}), p99`,
        unit: 'ms',
        value: round(percentile(ours, 99)),
        anchors: { [`${pollMs} ms polling consumer, p99 (applies nothing)`]: round(percentile(polled, 99)) },
        goal: 'p99 at most 100 ms at 1,000 events/s',
        p50_ms: round(percentile(ours, 50)),
        anchor_p50_ms: round(percentile(polled, 50)),
        appends: ours.length,
        achieved_rate_per_s: Math.round(appends.length / ((performance.now() - started) / 1000)),
      };
    } finally {
      polling = false;
      projector.kill('SIGTERM');
      await listener.end().catch(() => undefined);
      await store.close();
      await db.drop();
    }
  },
};
