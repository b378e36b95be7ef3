import { createPool } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { projections } from '@workwell/read-models';
import { rebuildProjections } from '../apps/projector/src/runner/rebuild';

/**
 * One rebuild in a process of its own, so that its peak resident memory (worker threads
 * included) is its own and not the benchmark's import. Prints one JSON line: the rebuild's
 * result and peak RSS.
 */
const main = async (): Promise<void> => {
  const [url, threadsText] = process.argv.slice(2);
  const pool = createPool(url, { max: 8 });
  const store = new PostgresEventStore(pool);
  try {
    let reported = 0;
    const result = await rebuildProjections(pool, store, projections, {
      threads: threadsText === 'default' ? undefined : Number(threadsText),
      onProgress: (p) => {
        if (Math.floor(p.events / 200_000) === Math.floor(reported / 200_000)) return;
        reported = p.events;
        process.stderr.write(
          `[bench] rebuilt ${p.events} events, ${p.eventsPerSecond} events/s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`,
        );
      },
    });
    process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  } finally {
    await store.close();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
