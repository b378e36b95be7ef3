import type { QueryConfig } from 'pg';
import type { RecordedJourneyEvent } from '@workwell/domain';
import type { ParticipantHistory, ProjectionBatch } from '../projection';
import { touchedHistories } from './rewrite';
import { upsertRows } from './upsert';

const participantIdOf = (event: RecordedJourneyEvent): string => event.streamId.slice('participant-'.length);

type EventRowOf = (history: ParticipantHistory, event: RecordedJourneyEvent) => Record<string, unknown> | undefined;

/** The rows of every event of the history that has one. */
export const eventRows = (history: ParticipantHistory, rowOf: EventRowOf): Record<string, unknown>[] =>
  history.events.flatMap((event) => {
    const row = rowOf(history, event);
    return row ? [row] : [];
  });

/**
 * For read models with a row per event: writes the rows of the batch's own events (and only
 * those: rewriting a participant's whole history on every event would multiply the writes by
 * the length of the journey), then marks the rows that corrections in the batch retract (in
 * tables with a `retracted` column).
 */
export const appendEventRows = (
  batch: ProjectionBatch,
  table: string,
  columns: Readonly<Record<string, string>>,
  rowOf: EventRowOf,
): QueryConfig[] => {
  const histories = new Map(touchedHistories(batch).map((h) => [h.participantId, h]));
  const rows = batch.events.flatMap((event) => {
    const history = histories.get(participantIdOf(event));
    const row = history && rowOf(history, event);
    return row ? [row] : [];
  });
  const written = upsertRows(table, columns, ['participant_id', 'version'], rows);
  // A table without the flag holds facts that cannot be corrected (an erasure).
  if (!('retracted' in columns)) return written;
  const retractions = batch.events.flatMap((event) =>
    event.type === 'EventCorrected' ? [{ participant_id: participantIdOf(event), version: event.data.correctedVersion }] : [],
  );
  if (retractions.length === 0) return written;
  return [
    ...written,
    {
      text: `UPDATE ${table} AS t SET retracted = true FROM jsonb_to_recordset($1::jsonb) AS r(participant_id uuid, version int)
     WHERE t.participant_id = r.participant_id AND t.version = r.version`,
      values: [JSON.stringify(retractions)],
    },
  ];
};
