import { CURRENT_SCHEMA_VERSION, isJourneyEventType, type JourneyEventData, type JourneyEventType } from '../journey/journey.events';
import type { JourneyEventMetadata, RecordedJourneyEvent } from '../journey/journey.metadata';
import { participantReferredV1ToV2 } from './participant-referred.upcasters';

type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** For each event type, the upcaster from version n to n + 1, keyed by n. Old events stay readable for ever. */
export const UPCASTERS: Readonly<Partial<Record<JourneyEventType, Readonly<Record<number, Upcaster>>>>> = {
  ParticipantReferred: { 1: participantReferredV1ToV2 },
};

export class UnknownEventSchema extends Error {
  readonly code = 'UNKNOWN_EVENT_SCHEMA';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(
      `No way to read ${eventType} version ${schemaVersion}: this build knows ${isJourneyEventType(eventType) ? `up to version ${CURRENT_SCHEMA_VERSION[eventType]}` : 'no such event type'}.`,
    );
    this.name = 'UnknownEventSchema';
  }
}

/** The data of a stored event of any schema version, in the shape of the current one. */
export const upcast = <T extends JourneyEventType>(type: T, schemaVersion: number, data: unknown): JourneyEventData[T] => {
  if (!isJourneyEventType(type)) throw new UnknownEventSchema(type, schemaVersion);
  const current = CURRENT_SCHEMA_VERSION[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) throw new UnknownEventSchema(type, schemaVersion);
  let upcasted = data as Record<string, unknown>;
  // A replay that reads some events only for their place in the stream leaves their data out.
  if (data === null) return upcasted as unknown as JourneyEventData[T];
  for (let version = schemaVersion; version < current; version += 1) {
    const step = UPCASTERS[type]?.[version];
    if (step === undefined) throw new UnknownEventSchema(type, version);
    upcasted = step(upcasted);
  }
  return upcasted as unknown as JourneyEventData[T];
};

/** The fields of the event-store port's `StoredEvent` that a journey event needs. */
export interface StoredEventLike {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recordedAt: string;
  readonly version: number;
  readonly position: number;
}

/** A stored event, upcast to the current shape and typed, for projections and replays. */
export const toRecordedJourneyEvent = (stored: StoredEventLike): RecordedJourneyEvent => {
  const { streamId, eventId, type, schemaVersion, data, metadata, recordedAt, version, position } = stored;
  if (!isJourneyEventType(type)) throw new UnknownEventSchema(type, schemaVersion);
  return {
    type,
    data: upcast(type, schemaVersion, data),
    streamId,
    eventId,
    metadata: metadata as JourneyEventMetadata,
    recordedAt,
    version,
    position,
  } as RecordedJourneyEvent;
};
