import type { IsoInstant } from '../shared/iso-time.values';
import type { Actor, JourneyCommand } from './journey.commands';
import { CURRENT_SCHEMA_VERSION, type JourneyEvent } from './journey.events';

/** The envelope the command runner stores beside each event's data. `recordedAt` is the store's to assign. */
// A type alias, not an interface, so that it fits the port's `Readonly<Record<string, unknown>>`.
export type JourneyEventMetadata = {
  readonly occurredAt: IsoInstant;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey?: string;
};

export const toEventMetadata = (command: JourneyCommand, event: JourneyEvent): JourneyEventMetadata => {
  const { actor, correlationId, causationId, idempotencyKey } = command.context;
  const metadata = { occurredAt: event.data.occurredAt, actor, correlationId, causationId: causationId ?? null };
  return idempotencyKey === undefined ? metadata : { ...metadata, idempotencyKey };
};

/** An event ready to append: the shape of the event-store port's `NewEvent`, with `type` and `data` still tied together. */
export type NewJourneyEvent = JourneyEvent & {
  readonly schemaVersion: number;
  readonly metadata: JourneyEventMetadata;
};

export const toNewEvent = (command: JourneyCommand, event: JourneyEvent): NewJourneyEvent => ({
  ...event,
  schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
  metadata: toEventMetadata(command, event),
});

/** A stored event, upcast and typed: what projections and replays work with. */
export type RecordedJourneyEvent<E extends JourneyEvent = JourneyEvent> = E & {
  readonly streamId: string;
  readonly eventId: string;
  readonly metadata: JourneyEventMetadata;
  /** When the store committed it (the evaluators' "as known on" time). */
  readonly recordedAt: IsoInstant;
  /** Position in the participant's stream, from 1: what `EventCorrected` points at. */
  readonly version: number;
  /** Position in the store's global order. */
  readonly position: number;
};
