import { createPool } from '@workwell/database';
import { participantKeyId, participantStreamId } from '@workwell/domain';
import { generateJourney, type JourneyGeneratorOptions, replayCommands } from '@workwell/synthetic';
import { bulkImport, type ImportStream, PostgresEventStore } from '@workwell/event-store';
import { BulkKeyIssuer, type MasterKey } from '@workwell/key-store';

/** Participants `from` to `to` (exclusive) of a synthetic run, as plain data for a thread of its own. */
export interface ImportPartInput {
  /** The database to connect to, on a thread. */
  readonly url: string;
  readonly from: number;
  readonly to: number;
  readonly generator: Omit<JourneyGeneratorOptions, 'seal' | 'participants'>;
  readonly masterKeys: readonly { readonly id: string; readonly key: Uint8Array }[];
  readonly participantsPerRound: number;
}

export interface ImportPartProgress {
  readonly participants: number;
  readonly events: number;
}

/**
 * Generates and imports its participants round by round: each participant's journey from the
 * run's seed and their index alone, so the parts together are the run, whoever makes them.
 * Keys reach the database before the events sealed with them.
 */
export const importPart = async (
  pool: Parameters<typeof bulkImport>[0],
  input: Omit<ImportPartInput, 'url'>,
  report: (progress: ImportPartProgress) => void,
): Promise<ImportPartProgress> => {
  const masterKeys: MasterKey[] = input.masterKeys.map(({ id, key }) => ({ id, key: Buffer.from(key) }));
  const issuer = new BulkKeyIssuer(masterKeys);
  const options: JourneyGeneratorOptions = {
    ...input.generator,
    participants: input.to,
    seal: (participantId, plaintext) => issuer.seal(participantKeyId(participantId), plaintext),
  };
  const keyPool = pool instanceof PostgresEventStore ? pool.pool : pool;
  let participants = 0;
  let events = 0;
  for (let start = input.from; start < input.to; start += input.participantsPerRound) {
    const round: ImportStream[] = [];
    for (let index = start; index < Math.min(input.to, start + input.participantsPerRound); index++) {
      const journey = generateJourney(options, index);
      const replayed = replayCommands(journey.commands, { validate: false }).events;
      round.push({
        streamId: participantStreamId(journey.participantId),
        events: replayed.map(({ version: _version, ...event }) => event),
      });
    }
    await issuer.flush(keyPool);
    await bulkImport(pool, round);
    participants += round.length;
    events += round.reduce((sum, stream) => sum + stream.events.length, 0);
    report({ participants, events });
  }
  return { participants, events };
};

/** The entry of an import thread (see `@workwell/parallel`). */
export const runPartition = async (input: ImportPartInput, report: (progress: ImportPartProgress) => void): Promise<ImportPartProgress> => {
  const pool = createPool(input.url, { max: 3 });
  try {
    return await importPart(pool, input, report);
  } finally {
    await pool.end();
  }
};
