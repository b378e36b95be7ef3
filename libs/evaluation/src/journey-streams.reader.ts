import {
  EPISODE_FACT_TYPES,
  isJourneyEventType,
  isParticipantStreamId,
  PARTICIPANT_STREAM_PREFIX,
  type RecordedJourneyEvent,
  toRecordedJourneyEvent,
} from '@workwell/domain';
import type { EventStore, KnownAt, StreamRange } from '@workwell/event-store';

/** One participant's stream as known at the as-of point: a whole prefix, in version order. */
export interface KnownStream {
  readonly streamId: string;
  readonly events: readonly RecordedJourneyEvent[];
}

export interface ReadProgress {
  /** Events read (whether or not the as-of point kept them). */
  readonly events: number;
  readonly streams: number;
}

export interface StreamReadOptions {
  /** Streams per round trip (default: the adapter's). */
  readonly fetchSize?: number;
  /** Only this part of the streams (the parts of a parallel replay). */
  readonly range?: StreamRange;
  readonly onRead?: (progress: ReadProgress) => void;
}

/**
 * Every participant's journey as known at a point, in stream-id order, through the port's stream
 * read (which cuts each stream to the prefix known then). The replay reads the data of the events
 * the episode facts use (the others only for their place in the stream), and who recorded only
 * the referral (its organisation is the episode's delivery organisation).
 */
export async function* journeysKnownAt(store: EventStore, knownAt: KnownAt, options: StreamReadOptions = {}): AsyncGenerator<KnownStream> {
  const streams = store.streams({
    prefix: PARTICIPANT_STREAM_PREFIX,
    knownAt,
    metadata: 'actor',
    metadataOf: ['ParticipantReferred'],
    eventIds: false,
    dataOf: EPISODE_FACT_TYPES,
    range: options.range,
    fetchSize: options.fetchSize,
    onRead: options.onRead,
  });
  for await (const stream of streams) {
    if (!isParticipantStreamId(stream.streamId)) continue;
    const events = stream.events.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
    if (events.length > 0) yield { streamId: stream.streamId, events };
  }
}
