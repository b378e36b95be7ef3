import type { Pool } from 'pg';
import { inReadSnapshot } from '@workwell/database';
import { projectorProgress } from '../checkpoints/projection-checkpoints.schema';

/** Every read-model row held about one participant, table by table, as stored (sealed fields still sealed). */
export interface ParticipantRows {
  /** The read models' position the rows reflect. */
  readonly position: number;
  readonly caseload: Record<string, unknown> | null;
  readonly consentTimeline: readonly Record<string, unknown>[];
  readonly sharingDecisions: readonly Record<string, unknown>[];
  readonly outcomeFacts: readonly Record<string, unknown>[];
  readonly erasures: readonly Record<string, unknown>[];
  /** Every read of their personal data, oldest first. */
  readonly accessLog: readonly Record<string, unknown>[];
}

/**
 * What the read models hold about one participant and no one else, read in one snapshot: for a
 * subject access request, which must show a person everything kept about them.
 */
export const participantRows = (pool: Pool, participantId: string): Promise<ParticipantRows> =>
  inReadSnapshot(pool, async (client) => {
    const rows = async (sql: string) => (await client.query<Record<string, unknown>>(sql, [participantId])).rows;
    const { position } = await projectorProgress((sql) => client.query(sql));
    const [caseload] = await rows('SELECT *, next_due_on::text AS next_due_on FROM caseload WHERE participant_id = $1');
    return {
      position,
      caseload: caseload ?? null,
      consentTimeline: await rows('SELECT * FROM consent_timeline WHERE participant_id = $1 ORDER BY version'),
      sharingDecisions: await rows('SELECT * FROM sharing_decisions WHERE participant_id = $1 ORDER BY version'),
      outcomeFacts: await rows('SELECT * FROM outcome_facts WHERE participant_id = $1 ORDER BY episode'),
      erasures: await rows('SELECT * FROM erasures WHERE participant_id = $1 ORDER BY version'),
      accessLog: await rows('SELECT * FROM personal_data_access_log WHERE participant_id = $1 ORDER BY id'),
    };
  });
