import { evolveAll, isJourneyEventType, toRecordedJourneyEvent, type RecordedJourneyEvent } from '@workwell/domain';
import type { EventStore, StoredEvent } from '@workwell/event-store';
import type { ParticipantHistory } from './projection';

const participantPrefix = 'participant-';

/** The journey events of a batch, upcast; events of other streams or unknown types are not the projector's. */
export const journeyEventsOf = (events: readonly StoredEvent[]): RecordedJourneyEvent[] =>
  events.filter((e) => e.streamId.startsWith(participantPrefix) && isJourneyEventType(e.type)).map(toRecordedJourneyEvent);

const participantIdOf = (streamId: string): string => streamId.slice(participantPrefix.length);

/**
 * For each participant in the batch: the events before the batch (read from the store, up to
 * the version just before the batch's first) followed by the batch's own, so that a
 * projection folds exactly what was known at the batch's last position.
 */
export const loadHistories = async (eventStore: EventStore, batch: readonly RecordedJourneyEvent[]): Promise<Map<string, ParticipantHistory>> => {
  const inBatch = new Map<string, RecordedJourneyEvent[]>();
  for (const event of batch) {
    const list = inBatch.get(event.streamId) ?? [];
    list.push(event);
    inBatch.set(event.streamId, list);
  }
  const histories = new Map<string, ParticipantHistory>();
  for (const [streamId, events] of inBatch) {
    const before = events[0].version - 1;
    const earlier = before > 0 ? await readPrefix(eventStore, streamId, before) : [];
    const all = [...earlier, ...events];
    const participantId = participantIdOf(streamId);
    histories.set(participantId, { participantId, events: all, journey: evolveAll(all) });
  }
  return histories;
};

const readPrefix = async (eventStore: EventStore, streamId: string, upToVersion: number): Promise<RecordedJourneyEvent[]> => {
  const events: RecordedJourneyEvent[] = [];
  while (events.length < upToVersion) {
    const page = await eventStore.readStream(streamId, { fromVersion: events.length + 1, maxCount: Math.min(500, upToVersion - events.length) });
    if (page.length === 0) break;
    events.push(...journeyEventsOf(page));
  }
  return events;
};
