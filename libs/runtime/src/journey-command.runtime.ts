import {
  decide,
  evolve,
  initialState,
  participantStreamId,
  toNewEvent,
  toRecordedJourneyEvent,
  type Journey,
  type JourneyCommand,
} from '@workwell/domain';
import { readWholeStream, type AppendResult, type EventStore } from '@workwell/event-store';

/** The participant's journey as its stream says now. */
export const loadJourney = async (eventStore: EventStore, participantId: string): Promise<Journey> =>
  (await readWholeStream(eventStore, participantStreamId(participantId)))
    .map(toRecordedJourneyEvent)
    .reduce<Journey>(evolve, initialState());

/** Load, decide, append, for the command line tools (the API has its own runner with a cache and If-Match). */
export const recordJourneyCommand = async (eventStore: EventStore, command: JourneyCommand): Promise<AppendResult> => {
  const journey = await loadJourney(eventStore, command.context.participantId);
  const events = decide(command, journey).map((event) => toNewEvent(command, event));
  return eventStore.append(participantStreamId(command.context.participantId), events, {
    expectedVersion: journey.version === 0 ? 'no_stream' : journey.version,
    idempotencyKey: command.context.idempotencyKey
      ? `${participantStreamId(command.context.participantId)}:${command.context.idempotencyKey}`
      : undefined,
  });
};
