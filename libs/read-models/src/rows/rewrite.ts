import type { QueryConfig } from 'pg';
import type { ParticipantHistory, ProjectionBatch } from '../projection';
import { upsertRows } from './upsert';

/** The histories of the participants the batch's events belong to. */
export const touchedHistories = (batch: ProjectionBatch): ParticipantHistory[] => {
  const touched = new Set(batch.events.map((e) => e.streamId.slice('participant-'.length)));
  return [...touched].map((id) => batch.histories.get(id)).filter((h): h is ParticipantHistory => h !== undefined);
};

/**
 * Replaces every row of the touched participants with rows derived afresh from their whole
 * history: facts recorded late (a withdrawal, a correction) reshape earlier rows too, and
 * applying the same batch twice leaves the same rows. The delete comes first: the two
 * statements run in order in the runner's transaction.
 */
export const rewriteParticipants = (
  table: string,
  columns: Readonly<Record<string, string>>,
  key: readonly string[],
  histories: readonly ParticipantHistory[],
  rowsOf: (history: ParticipantHistory) => Record<string, unknown>[],
): QueryConfig[] => {
  if (histories.length === 0) return [];
  return [
    { text: `DELETE FROM ${table} WHERE participant_id = ANY($1::uuid[])`, values: [histories.map((h) => h.participantId)] },
    ...upsertRows(table, columns, key, histories.flatMap(rowsOf)),
  ];
};
