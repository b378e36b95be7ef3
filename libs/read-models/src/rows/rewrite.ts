import type { PoolClient } from 'pg';
import type { ParticipantHistory, ProjectionBatch } from '../projection';
import { upsertRows } from './upsert';

/** The histories of the participants the batch's events belong to. */
export const touchedHistories = async (batch: ProjectionBatch): Promise<ParticipantHistory[]> => {
  const histories = await batch.histories();
  const touched = new Set(batch.events.map((e) => e.streamId.slice('participant-'.length)));
  return [...touched].map((id) => histories.get(id)).filter((h): h is ParticipantHistory => h !== undefined);
};

/**
 * Replaces every row of the touched participants with rows derived afresh from their whole
 * history: facts recorded late (a withdrawal, a correction) reshape earlier rows too, and
 * applying the same batch twice leaves the same rows.
 */
export const rewriteParticipants = async (
  tx: PoolClient,
  table: string,
  columns: Readonly<Record<string, string>>,
  key: readonly string[],
  histories: readonly ParticipantHistory[],
  rowsOf: (history: ParticipantHistory) => Record<string, unknown>[],
): Promise<void> => {
  if (histories.length === 0) return;
  await tx.query(`DELETE FROM ${table} WHERE participant_id = ANY($1::uuid[])`, [histories.map((h) => h.participantId)]);
  await upsertRows(tx, table, columns, key, histories.flatMap(rowsOf));
};
