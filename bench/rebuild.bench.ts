import { migrate } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { allMigrations, importSyntheticJourneys } from '@workwell/runtime';
import { projections } from '../apps/projector/src/projections';
import { rebuildProjections } from '../apps/projector/src/runner/rebuild';
import { progress, rssMb, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const flag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

/** Pages through every event without projecting: the cost of reading alone, the ceiling of any rebuild. */
const readAllRate = async (store: PostgresEventStore): Promise<number> => {
  const started = performance.now();
  let events = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  return Math.round(events / ((performance.now() - started) / 1000));
};

export const rebuildBenchmark: Benchmark = {
  name: 'rebuild',
  description: 'events/s rebuilding every read model from a store of synthetic journeys (--participants 57000, about 1,000,000 events)',
  run: async (args) => {
    const participants = flag(args, 'participants', 57_000);
    const db = await openBenchDatabase('rebuild');
    const pool = db.pool(8);
    const store = new PostgresEventStore(pool);
    try {
      await migrate(pool, allMigrations);
      progress(`importing ${participants} synthetic participants`);
      const imported = await importSyntheticJourneys(pool, store, {
        participants,
        seed: 1,
        now: new Date('2026-11-01T00:00:00Z'),
        masterKeys: [{ id: 'bench', key: Buffer.alloc(32, 1) }],
        participantsPerRound: 5_000,
        onProgress: (p) => progress(`imported ${p.participants} participants, ${p.events} events (${p.eventsPerSecond} events/s)`),
      });
      progress(`anchor: reading all ${imported.events} events without projecting`);
      const readOnly = await readAllRate(store);
      progress(`read-all: ${readOnly} events/s`);
      let peakRss = rssMb();
      const result = await rebuildProjections(pool, store, projections, {
        batchSize: 5_000,
        onProgress: (p) => {
          peakRss = Math.max(peakRss, rssMb());
          if ((p.events / 5_000) % 20 === 0) progress(`rebuilt ${p.events} events, ${p.eventsPerSecond} events/s, rss ${rssMb()} MB`);
        },
      });
      progress(`rebuild: ${result.events} events in ${result.seconds.toFixed(1)} s`);
      return {
        bench: 'rebuild',
        metric: `events per second rebuilding all ${projections.length} read models (${projections.map((p) => p.name).join(', ')})`,
        unit: 'events/s',
        value: result.eventsPerSecond,
        anchors: { 'read-all without projecting (same store, same run)': readOnly },
        goal: 'at least 50,000 events/s for all read models from a store of at least 1,000,000 events',
        events: result.events,
        participants: imported.participants,
        seconds: Math.round(result.seconds * 10) / 10,
        peak_rss_mb: peakRss,
      };
    } finally {
      await store.close();
      await db.drop();
    }
  },
};
