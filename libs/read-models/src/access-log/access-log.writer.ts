import type { Pool } from 'pg';
import type { Principal } from '@workwell/auth';

export interface PersonalDataRead {
  readonly participantId: string;
  readonly participantSite: string | undefined;
  /** From the X-Purpose header, or the endpoint's default purpose. */
  readonly purpose: string;
  /** What was read, e.g. `journey summary` or `timeline`. */
  readonly what: string;
}

/** Writes who read whose personal data, and why, before the data leaves the API. */
export const logPersonalDataRead = (pool: Pool, principal: Principal, read: PersonalDataRead, requestId: string): Promise<void> =>
  logPersonalDataReads(pool, principal, [read], requestId);

export const logPersonalDataReads = async (
  pool: Pool,
  principal: Principal,
  reads: readonly PersonalDataRead[],
  requestId: string,
): Promise<void> => {
  if (reads.length === 0) return;
  await pool.query(
    `INSERT INTO personal_data_access_log (user_id, role, user_site, organisation, participant_id, participant_site, purpose, what, request_id)
     SELECT $1, $2, $3, $4, r.participant_id, r.participant_site, r.purpose, r.what, $5
     FROM jsonb_to_recordset($6::jsonb) AS r(participant_id uuid, participant_site text, purpose text, what text)`,
    [
      principal.userId,
      principal.role,
      principal.site ?? null,
      principal.organisation,
      requestId,
      JSON.stringify(
        reads.map((r) => ({
          participant_id: r.participantId,
          participant_site: r.participantSite ?? null,
          purpose: r.purpose,
          what: r.what,
        })),
      ),
    ],
  );
};

const purposePattern = /^[\p{L}\p{N} .,:;/()'-]{1,200}$/u;

/** The X-Purpose header when it is a short plain sentence, else the endpoint's default. */
export const purposeFrom = (header: string | string[] | undefined, fallback: string): string => {
  const value = Array.isArray(header) ? header[0] : header;
  return value && purposePattern.test(value.trim()) ? value.trim() : fallback;
};
