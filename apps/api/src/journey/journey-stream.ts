import { evolve, initialState, toRecordedJourneyEvent, type Journey } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';

const page = 500;

/** The participant's journey as its stream says now, folded from every event (upcast on read). */
export const loadJourney = async (eventStore: EventStore, streamId: string): Promise<Journey> => {
  let state = initialState();
  for (let fromVersion = 1; ; fromVersion += page) {
    const events = await eventStore.readStream(streamId, { fromVersion, maxCount: page });
    for (const stored of events) state = evolve(state, toRecordedJourneyEvent(stored));
    if (events.length < page) return state;
  }
};
