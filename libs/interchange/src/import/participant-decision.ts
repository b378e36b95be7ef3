import { decideHistory, type Sealer } from '@workwell/commands';
import { initialState, type SiteRegistry } from '@workwell/domain';
import type { ImportEvent } from '@workwell/event-store';
import type { ParticipantRows } from '../format/interchange-reader';
import { refusalOf } from '../format/row-problem';
import { requestsOf, type ParticipantImport } from './row-requests';

/** A row that was not imported, as the rejection report lists it. */
export interface Rejection {
  readonly row: number;
  readonly participantRef: string;
  readonly code: string;
  readonly sentence: string;
}

export type ParticipantDecision =
  | { readonly accepted: true; readonly events: readonly ImportEvent[]; readonly rows: number }
  | { readonly accepted: false; readonly rejections: readonly Rejection[] };

/**
 * The whole participant is rejected with one row's refusal: the others cannot stand without it
 * (later rows were decided on a history that lacks it), and an evaluator must not count a
 * journey cut short. Fixing the row and running the file again brings them in.
 */
export const rejectParticipant = (
  group: ParticipantRows,
  refused: readonly Omit<Rejection, 'participantRef'>[],
): { readonly accepted: false; readonly rejections: Rejection[] } => {
  const first = Math.min(...refused.map((r) => r.row));
  const own = new Map(refused.map((r) => [r.row, r]));
  const rows = [...group.rows.map((r) => r.row), ...group.unreadable.map((r) => r.row)].sort((a, b) => a - b);
  const sentence = `Not imported: row ${first} of this participant was rejected, and a participant's history is imported whole or not at all.`;
  return {
    accepted: false,
    rejections: rows.map((row) => {
      const reason = own.get(row);
      if (reason) return { ...reason, participantRef: group.participantRef };
      return { row, participantRef: group.participantRef, code: row < first ? 'LATER_ROW_REJECTED' : 'PREVIOUS_ROW_REJECTED', sentence };
    }),
  };
};

/**
 * Decides a participant's rows through the journey rules, the runner's way (see `decideHistory`):
 * all accepted, or the participant rejected and nothing sealed. The events keep their rows'
 * recording times.
 */
export const decideParticipant = async (
  group: ParticipantRows,
  participant: ParticipantImport,
  seal: Sealer,
  sites?: SiteRegistry,
): Promise<ParticipantDecision> => {
  if (group.unreadable.length > 0)
    return rejectParticipant(
      group,
      group.unreadable.map(({ row, problem }) => ({ row, code: problem.code, sentence: problem.message })),
    );
  const decision = await decideHistory(requestsOf(group.rows, participant), initialState(), seal, { sites });
  if (!decision.accepted) {
    const refusal = refusalOf(decision.error);
    // Anything else is a fault of the import, not of a row: it stops the run.
    if (refusal === undefined) throw decision.error;
    return rejectParticipant(group, [{ row: group.rows[decision.index].row, ...refusal }]);
  }
  const events = decision.decided.flatMap((decided, i) => decided.map((event) => ({ ...event, recordedAt: group.rows[i].recordedAt })));
  return { accepted: true, events, rows: group.rows.length };
};
