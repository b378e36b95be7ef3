import { followUpsAsOf, londonDateOf, type FollowUpFacts } from '@workwell/domain';
import { siteBound, type Principal } from '../auth/principal';
import type { ApiDependencies } from '../infrastructure/api.dependencies';
import { logPersonalDataRead } from '../infrastructure/access-log';
import { participantNotFound } from '../journey/site-access';
import { openSealed } from '../reads/open-sealed';

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
  sessions_held: number;
  consents: Record<string, unknown>;
  personal_details: unknown;
  version: number;
  position: string;
}

/** Dates as text: pg would otherwise turn a `date` into a Date at local midnight. */
export const caseloadColumns = `participant_id, site_id, coach_id, stage, open, referred_at, next_action, next_due_on::text AS next_due_on,
  follow_up_facts, sessions_held, consents, personal_details, version, position`;

/** The caseload row of a participant the principal may see, or a 404 that does not tell other sites' participants from missing ones. */
export const visibleParticipant = async (deps: ApiDependencies, principal: Principal, participantId: string): Promise<CaseloadRow> => {
  const { rows } = await deps.pool.query<CaseloadRow>(`SELECT ${caseloadColumns} FROM caseload WHERE participant_id = $1`, [participantId]);
  const row = rows[0];
  if (!row || (siteBound(principal.role) && row.site_id !== principal.site)) throw participantNotFound(participantId);
  return row;
};

const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / 86_400_000);

/** What a coach sees of one participant today: stage, what is due and overdue, consents, and (logged) their details. */
export const summaryOf = async (deps: ApiDependencies, principal: Principal, row: CaseloadRow, purpose: string, requestId: string) => {
  const today = londonDateOf(deps.clock().toISOString());
  await logPersonalDataRead(
    deps.pool,
    principal,
    { participantId: row.participant_id, participantSite: row.site_id ?? undefined, purpose, what: 'journey summary' },
    requestId,
  );
  const followUps = row.follow_up_facts ? followUpsAsOf(row.follow_up_facts, today) : [];
  return {
    participantId: row.participant_id,
    siteId: row.site_id,
    coachId: row.coach_id,
    stage: row.stage,
    open: row.open,
    referredAt: row.referred_at?.toISOString() ?? null,
    daysSinceReferral: row.referred_at ? daysBetween(row.referred_at, deps.clock()) : null,
    nextAction: row.next_action,
    nextDueOn: row.next_due_on,
    overdue: followUps.filter((f) => f.status === 'overdue'),
    followUps,
    sessionsHeld: row.sessions_held,
    consents: row.consents,
    personalDetails: await openSealed(deps.keyStore, row.personal_details),
    version: row.version,
  };
};
