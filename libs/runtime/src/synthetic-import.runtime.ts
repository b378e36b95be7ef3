import type { Pool } from 'pg';
import { generateJourneys, participantKeyId, participantStreamId, replayCommands } from '@workwell/domain';
import { bulkImport, type ImportStream, type PostgresEventStore } from '@workwell/event-store';
import { BulkKeyIssuer, type MasterKey } from '@workwell/key-store';

export interface SyntheticImportOptions {
  readonly participants: number;
  readonly seed: number;
  readonly sites?: number | readonly string[];
  /** Journeys end by this time; referrals spread over the 18 months before it. */
  readonly now: Date;
  readonly masterKeys: readonly MasterKey[];
  /** Participants whose keys are written before their events, per round. */
  readonly participantsPerRound?: number;
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
 * its command was recorded, so late entries stay late for the evaluators' as-of replays.
 */
export const importSyntheticJourneys = async (pool: Pool, store: PostgresEventStore, options: SyntheticImportOptions): Promise<SyntheticImportResult> => {
  const issuer = new BulkKeyIssuer(options.masterKeys);
  const journeys = generateJourneys({
    seed: options.seed,
    participants: options.participants,
    sites: options.sites,
    startDate: new Date(options.now.getTime() - 560 * dayMs).toISOString().slice(0, 10),
    referralPeriodDays: 540,
    asOf: options.now.toISOString(),
    seal: (participantId, plaintext) => issuer.seal(participantKeyId(participantId), plaintext),
  })[Symbol.iterator]();
  const started = performance.now();
  let participants = 0;
  let events = 0;
  const perRound = options.participantsPerRound ?? 2_000;
  const takeRound = (): ImportStream[] => {
    const round: ImportStream[] = [];
    while (round.length < perRound) {
      const next = journeys.next();
      if (next.done) break;
      const replayed = replayCommands(next.value.commands, { validate: false }).events;
      round.push({ streamId: participantStreamId(next.value.participantId), events: replayed.map(({ version: _version, ...event }) => event) });
    }
    return round;
  };
  for (let round = takeRound(); round.length > 0; round = takeRound()) {
    // Keys first: an event must never reach the store before the key that opens it.
    await issuer.flush(pool);
    await bulkImport(store, round);
    participants += round.length;
    events += round.reduce((sum, stream) => sum + stream.events.length, 0);
    options.onProgress?.({ participants, events, eventsPerSecond: Math.round(events / ((performance.now() - started) / 1000)) });
  }
  const seconds = (performance.now() - started) / 1000;
  return { participants, events, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)) };
};
