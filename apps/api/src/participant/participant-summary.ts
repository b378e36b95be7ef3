import { followUpsAsOf, londonDateOf } from '@workwell/domain';
import { siteBound, type Principal } from '@workwell/auth';
import { caseloadRowOf, logPersonalDataRead, type CaseloadRow } from '@workwell/read-models';
import type { ApiDependencies } from '../infrastructure/api.dependencies';
import { participantNotFound } from '../journey/site-access';
import { openSealed } from '../reads/open-sealed';

/** The caseload row of a participant the principal may see, or a 404 that does not tell other sites' participants from missing ones. */
export const visibleParticipant = async (deps: ApiDependencies, principal: Principal, participantId: string): Promise<CaseloadRow> => {
  const row = await caseloadRowOf(deps.pool, participantId);
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
  const followUps = row.follow_up_facts ? followUpsAsOf(row.follow_up_facts, today, row.follow_up_schedule ?? undefined) : [];
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
