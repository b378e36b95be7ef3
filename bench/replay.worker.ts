import { openSharedStore } from '@workwell/event-store';
import { parseAsOf, replayEvaluation, writeEpisodeExtract } from '@workwell/evaluation';

/**
 * One replay or extract in a process of its own, so that its peak resident memory is its own and
 * not the benchmark's import. Prints one JSON line: events, seconds, events/s, peak RSS.
 */
const main = async (): Promise<void> => {
  const [url, mode, asOfText, now, outDir, threadsText] = process.argv.slice(2);
  const threads = Number(threadsText);
  const { store, close } = await openSharedStore({ adapter: 'postgres', url });
  const asOf = parseAsOf(asOfText, new Date(now));
  let reported = 0;
  const onProgress = (p: { eventsRead: number; eventsPerSecond: number }) => {
    // A line per million events, however many each progress call covers.
    if (Math.floor(p.eventsRead / 1_000_000) === Math.floor(reported / 1_000_000)) return;
    reported = p.eventsRead;
    process.stderr.write(
      `[bench] ${mode} ${p.eventsRead} events, ${p.eventsPerSecond} events/s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`,
    );
  };
  const started = performance.now();
  try {
    let events: number;
    let rows: number;
    if (mode === 'replay') {
      const report = await replayEvaluation(store, asOf, { onProgress, threads });
      [events, rows] = [report.eventsRead, report.episodes];
    } else {
      const extract = await writeEpisodeExtract(store, asOf, { outDir, pseudonymKey: Buffer.alloc(32, 2), onProgress, threads });
      [events, rows] = [extract.manifest.eventsRead, extract.manifest.rows];
    }
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(
      `${JSON.stringify({ events, rows, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(events / seconds), peakRssMb })}\n`,
    );
  } finally {
    await close();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
