import { participantStreamId } from '@workwell/domain';
import { eventsByCommand, generateJourneys, replayCommands } from '@workwell/synthetic';
import type { EventStore } from '@workwell/event-store';
import { carry } from '@workwell/synthetic';

/** Appends the domain's synthetic journeys to a store and returns how many events were written. */
export const seedJourneys = async (
  store: EventStore,
  options: { participants: number; seed: number; sites?: readonly string[] },
): Promise<number> => {
  let written = 0;
  const journeys = generateJourneys({
    seed: options.seed,
    participants: options.participants,
    sites: options.sites ?? ['leeds', 'york'],
    startDate: '2025-01-06',
    referralPeriodDays: 200,
    asOf: '2026-06-01T00:00:00Z',
    seal: carry,
  });
  for (const journey of journeys) {
    const streamId = participantStreamId(journey.participantId);
    for (const group of eventsByCommand(replayCommands(journey.commands).events)) {
      await store.append(
        streamId,
        group.map(({ version: _version, recordedAt: _recordedAt, ...event }) => event),
        { expectedVersion: group[0].version === 1 ? 'no_stream' : group[0].version - 1 },
      );
      written += group.length;
    }
  }
  return written;
};
