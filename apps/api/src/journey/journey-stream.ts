import { loadJourney as loadParticipantJourney } from '@workwell/runtime';
import type { Journey } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';

const participantPrefix = 'participant-';

/** The participant's journey as its stream says now, folded from every event (upcast on read). */
export const loadJourney = (eventStore: EventStore, streamId: string): Promise<Journey> => loadParticipantJourney(eventStore, streamId.slice(participantPrefix.length));
