import { JOURNEY_EVENT_TYPES, type RecordedJourneyEvent } from '@workwell/domain';
import type { ParticipantHistory, Projection } from '../runner/projection';
import { appendEventRows } from './append-rows';

const columns = {
  participant_id: 'uuid',
  version: 'int',
  type: 'text',
  occurred_at: 'timestamptz',
  recorded_at: 'timestamptz',
  actor: 'jsonb',
  retracted: 'boolean',
  data: 'jsonb',
  position: 'bigint',
};

/** Personal fields stay sealed here; the API opens them on read, so erasure reaches this table too. */
export const timelineRow = (history: ParticipantHistory, event: RecordedJourneyEvent) => ({
  participant_id: history.participantId,
  version: event.version,
  type: event.type,
  occurred_at: event.data.occurredAt,
  recorded_at: event.recordedAt,
  actor: event.metadata.actor,
  retracted: history.journey.retracted.includes(event.version),
  data: event.data,
  position: event.position,
});

export const timelineProjection: Projection = {
  name: 'timeline',
  version: 1,
  handles: JOURNEY_EVENT_TYPES,
  tables: ['participant_timeline'],
  schema: (t) => `
    CREATE TABLE ${t('participant_timeline')} (
      participant_id uuid NOT NULL,
      version int NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      actor jsonb NOT NULL,
      retracted boolean NOT NULL,
      data jsonb NOT NULL,
      position bigint NOT NULL,
      PRIMARY KEY (participant_id, version)
    );`,
  apply: (tx, batch, t) => appendEventRows(tx, batch, t('participant_timeline'), columns, timelineRow),
};
