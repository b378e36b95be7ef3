import {
  PARTICIPANT_STREAM_PREFIX,
  evolve,
  initialState,
  isJourneyEventType,
  isParticipantStreamId,
  toRecordedJourneyEvent,
  type Journey,
  type RecordedJourneyEvent,
} from '@workwell/domain';
import { readWholeStream, type EventStore, type StoredEvent } from '@workwell/event-store';
import type { ParticipantHistory } from '@workwell/read-models';

/** The journey events of a batch, upcast; events of other streams or unknown types are not the projector's. */
export const journeyEventsOf = (events: readonly StoredEvent[]): RecordedJourneyEvent[] =>
  events.filter((e) => isParticipantStreamId(e.streamId) && isJourneyEventType(e.type)).map(toRecordedJourneyEvent);

const participantIdOf = (streamId: string): string => streamId.slice(PARTICIPANT_STREAM_PREFIX.length);

/**
 * The histories the projector folded last, so that a participant seen in the previous batch
 * costs no read of the store in the next. Bounded by the number of events it holds.
 */
export class HistoryCache {
  private readonly entries = new Map<string, ParticipantHistory>();
  private events = 0;

  constructor(private readonly maxEvents = 200_000) {}

  get(streamId: string): ParticipantHistory | undefined {
    return this.entries.get(streamId);
  }

  set(streamId: string, history: ParticipantHistory): void {
    this.delete(streamId);
    this.entries.set(streamId, history);
    this.events += history.events.length;
    for (const [oldest] of this.entries) {
      if (this.events <= this.maxEvents) break;
      this.delete(oldest);
    }
  }

  private delete(streamId: string): void {
    const old = this.entries.get(streamId);
    if (!old) return;
    this.events -= old.events.length;
    this.entries.delete(streamId);
  }
}

const fold = (events: readonly RecordedJourneyEvent[], from: Journey): Journey => events.reduce(evolve, from);

/**
 * For each participant in the batch: the events before the batch (from the cache, else read
 * from the store up to the version just before the batch's first) followed by the batch's own,
 * so that a projection folds exactly what was known at the batch's last position.
 */
export const loadHistories = async (
  eventStore: EventStore,
  batch: readonly RecordedJourneyEvent[],
  cache?: HistoryCache,
): Promise<Map<string, ParticipantHistory>> => {
  const inBatch = new Map<string, RecordedJourneyEvent[]>();
  for (const event of batch) {
    const list = inBatch.get(event.streamId) ?? [];
    list.push(event);
    inBatch.set(event.streamId, list);
  }
  const histories = new Map<string, ParticipantHistory>();
  for (const [streamId, events] of inBatch) {
    const before = events[0].version - 1;
    const cached = cache?.get(streamId);
    let history: ParticipantHistory;
    if (cached && cached.events.length === before && (before === 0 || cached.events[before - 1].version === before)) {
      history = { participantId: cached.participantId, events: [...cached.events, ...events], journey: fold(events, cached.journey) };
    } else {
      const earlier = before > 0 ? journeyEventsOf(await readWholeStream(eventStore, streamId, { upToVersion: before })) : [];
      const all = [...earlier, ...events];
      history = { participantId: participantIdOf(streamId), events: all, journey: fold(all, initialState()) };
    }
    histories.set(history.participantId, history);
    cache?.set(streamId, history);
  }
  return histories;
};
