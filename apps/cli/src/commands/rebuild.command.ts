import { projections } from '@workwell/read-models';
import { lazy } from '../lazy';
import { estimatedEvents, withEngine } from '../engine-session';
import { positiveInteger, threadsOption, UsageError, type CliCommand } from '../command';
import { endProgress, progressBar, progressLine } from '../progress';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'Rebuild read models from the whole event store, beside the live ones, then swap them in.',
  usage: '[projection...] [--batch <events>] [--threads <n>]',
  help: 'Projections: caseload, consent-sharing, outcomes, key-shredder (all when none is named).\nThe live read models keep serving until the swap; a running projector carries on from the rebuilt checkpoint.',
  options: {
    batch: {
      type: 'string',
      value: '<events>',
      description: 'Events per chunk of the bulk pass, each written with one COPY a table (default 50,000).',
    },
    threads: {
      type: 'string',
      value: '<n>',
      description: 'Read and write ranges of the store on n threads side by side (default: one per core).',
    },
  },
  run: async (parsed) => {
    // The command line launches the other apps through their entry points only.
    const { rebuildProjections, RebuildAlreadyRunning } = await lazy(() => import('../../../projector/src/main.js'));
    const names = parsed.positionals;
    const unknown = names.filter((name) => !projections.some((p) => p.name === name));
    if (unknown.length > 0)
      throw new UsageError(`unknown projection ${unknown.join(', ')}; choose from ${projections.map((p) => p.name).join(', ')}`);
    const chosen = names.length ? projections.filter((p) => names.includes(p.name)) : projections;
    await withEngine(async (session) => {
      const { pool, eventStore } = session;
      const estimate = await estimatedEvents(session);
      const result = await rebuildProjections(pool, eventStore, chosen, {
        batchSize: positiveInteger(parsed.values.batch as string | undefined, 'batch', 50_000),
        threads: threadsOption(parsed),
        onProgress: (p) =>
          progressLine(
            `rebuilding ${chosen.map((c) => c.name).join(', ')}: ${progressBar(p.events, estimate)}, ${p.eventsPerSecond.toLocaleString('en-GB')} events/s${p.position >= p.head ? ' (caught up)' : ''}`,
          ),
      }).catch((error: Error) => {
        if (error instanceof RebuildAlreadyRunning) throw new UsageError(error.message);
        throw error;
      });
      endProgress();
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
  },
};
