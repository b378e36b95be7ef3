import type { Pool } from 'pg';
import type { FollowUpFacts, IsoDate, SiteSchedule } from '@workwell/domain';

/** A caseload row as readers get it. The table's shape is the caseload projection's (`caseload.projection.ts`). */
export interface CaseloadRow {
  participant_id: string;
  site_id: string | null;
  coach_id: string | null;
  stage: string;
  open: boolean;
  referred_at: Date | null;
  next_action: string | null;
  next_due_on: string | null;
  follow_up_facts: FollowUpFacts | null;
  /** The site's follow-up schedule the row's due dates follow (null with no facts). */
  follow_up_schedule: SiteSchedule | null;
  sessions_held: number;
  consents: Record<string, unknown>;
  personal_details: unknown;
  version: number;
  position: string;
}

/** Dates as text: pg would otherwise turn a `date` into a Date at local midnight. */
const caseloadColumns = `participant_id, site_id, coach_id, stage, open, referred_at, next_action, next_due_on::text AS next_due_on,
  follow_up_facts, follow_up_schedule, sessions_held, consents, personal_details, version, position`;

/** One participant's caseload row, whichever site; the caller decides who may see it. */
export const caseloadRowOf = async (pool: Pool, participantId: string): Promise<CaseloadRow | undefined> => {
  const { rows } = await pool.query<CaseloadRow>(`SELECT ${caseloadColumns} FROM caseload WHERE participant_id = $1`, [participantId]);
  return rows[0];
};

export interface CaseloadFilter {
  readonly siteId: string;
  readonly coachId?: string;
  readonly stage?: string;
  /** Only those with something overdue on `today` (true), or only those without (false). */
  readonly overdue?: boolean;
  readonly today: IsoDate;
  readonly page: number;
  readonly pageSize: number;
}

/** A page of a site's open participants, what falls due soonest first, and how many there are in all. */
export const caseloadPage = async (pool: Pool, filter: CaseloadFilter): Promise<{ rows: CaseloadRow[]; total: number }> => {
  const filters = ['open', 'site_id = $1'];
  const params: unknown[] = [filter.siteId];
  if (filter.coachId) filters.push(`coach_id = $${params.push(filter.coachId)}`);
  if (filter.stage) filters.push(`stage = $${params.push(filter.stage)}`);
  if (filter.overdue !== undefined)
    filters.push(`${filter.overdue ? '' : 'NOT '}coalesce(next_due_on < $${params.push(filter.today)}::date, false)`);
  const where = filters.join(' AND ');
  const [{ rows }, total] = await Promise.all([
    pool.query<CaseloadRow>(
      `SELECT ${caseloadColumns} FROM caseload WHERE ${where} ORDER BY caseload.next_due_on NULLS LAST, referred_at, participant_id
       LIMIT $${params.push(filter.pageSize)} OFFSET $${params.push((filter.page - 1) * filter.pageSize)}`,
      params,
    ),
    pool.query<{ count: string }>(`SELECT count(*) FROM caseload WHERE ${where}`, params.slice(0, params.length - 2)),
  ]);
  return { rows, total: Number(total.rows[0].count) };
};

/** The participants of a site, for tools that walk them (verification of one site's streams). */
export const participantsOfSite = async (pool: Pool, siteId: string): Promise<string[]> =>
  (
    await pool.query<{ participant_id: string }>('SELECT participant_id FROM caseload WHERE site_id = $1 ORDER BY participant_id', [siteId])
  ).rows.map((row) => row.participant_id);
