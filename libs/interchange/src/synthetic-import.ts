import type { Pool } from 'pg';
import type { PostgresEventStore } from '@workwell/event-store';
import type { MasterKey } from '@workwell/key-store';
import { connectionStringOf } from '@workwell/database';
import { defaultThreads, runPartitions } from '@workwell/parallel';
import { type ImportPartInput, type ImportPartProgress, importPart } from './synthetic-import.partition';

export interface SyntheticImportOptions {
  readonly participants: number;
  readonly seed: number;
  readonly sites?: number | readonly string[];
  /** Journeys end by this time; referrals spread over the 18 months before it. */
  readonly now: Date;
  readonly masterKeys: readonly MasterKey[];
  /** Participants whose keys are written before their events, per round. */
  readonly participantsPerRound?: number;
  /** Threads generating and importing shares of the participants (default: one per core). */
  readonly threads?: number;
  readonly onProgress?: (progress: { participants: number; events: number; eventsPerSecond: number }) => void;
}

export interface SyntheticImportResult {
  readonly participants: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

const dayMs = 86_400_000;

/**
 * Fills an empty store with the domain's synthetic journeys through the bulk importer (COPY),
 * personal data sealed under real per-participant keys, and each event stamped with the time
 * its command was recorded, so late entries stay late for the evaluators' as-of replays. With
 * several threads, each generates and imports a contiguous share of the participants.
 */
export const importSyntheticJourneys = async (
  pool: Pool,
  store: PostgresEventStore,
  options: SyntheticImportOptions,
): Promise<SyntheticImportResult> => {
  const started = performance.now();
  const perRound = options.participantsPerRound ?? 2_000;
  const url = connectionStringOf(pool);
  const threads = Math.min(url ? (options.threads ?? defaultThreads()) : 1, Math.ceil(options.participants / perRound));
  const share = Math.ceil(options.participants / Math.max(1, threads));
  const base = {
    generator: {
      seed: options.seed,
      sites: options.sites,
      startDate: new Date(options.now.getTime() - 560 * dayMs).toISOString().slice(0, 10),
      referralPeriodDays: 540,
      asOf: options.now.toISOString(),
    },
    masterKeys: options.masterKeys.map(({ id, key }) => ({ id, key: new Uint8Array(key) })),
    participantsPerRound: perRound,
  };
  const latest: ImportPartProgress[] = [];
  const report = (part: number, progress: ImportPartProgress) => {
    latest[part] = progress;
    const participants = latest.reduce((sum, p) => sum + (p?.participants ?? 0), 0);
    const events = latest.reduce((sum, p) => sum + (p?.events ?? 0), 0);
    options.onProgress?.({ participants, events, eventsPerSecond: Math.round(events / ((performance.now() - started) / 1000)) });
  };
  const parts =
    threads <= 1
      ? [await importPart(store, { ...base, from: 0, to: options.participants }, (progress) => report(0, progress))]
      : await runPartitions<ImportPartInput, ImportPartProgress, ImportPartProgress>({
          module: require.resolve('./synthetic-import.partition'),
          inputs: Array.from({ length: threads }, (_, part) => ({
            ...base,
            url: url as string,
            from: part * share,
            to: Math.min(options.participants, (part + 1) * share),
          })).filter((input) => input.from < input.to),
          threads,
          onProgress: report,
        });
  if (threads > 1) store.committed();
  const participants = parts.reduce((sum, part) => sum + part.participants, 0);
  const events = parts.reduce((sum, part) => sum + part.events, 0);
  const seconds = (performance.now() - started) / 1000;
  return { participants, events, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)) };
};
