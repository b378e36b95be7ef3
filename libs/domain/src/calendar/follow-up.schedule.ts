import type { Checkpoint } from '../journey/exit.events';
import { addDays, addMonths, dayNumberOf, type IsoDate, type IsoInstant } from '../shared/iso-time.values';
import { londonDateOf } from './uk-local-time.calendar';
import { addWorkingDays } from './working-days.calendar';

export const FIRST_CONTACT_WORKING_DAYS = 2;
export const SIGNED_PLAN_WORKING_DAYS = 20;
/** A checkpoint overdue by more than this with nothing recorded counts as lost to follow-up. */
export const LOST_TO_FOLLOW_UP_DAYS = 28;

export type CheckpointOffset = { readonly weeks: number } | { readonly months: number };

export interface ScheduledCheckpoint {
  readonly checkpoint: Exclude<Checkpoint, 'discharge' | 'other'>;
  readonly after: CheckpointOffset;
}

/** Outcome checkpoints after the start, configured per site. */
export interface SiteSchedule {
  readonly checkpoints: readonly ScheduledCheckpoint[];
}

export const DEFAULT_SITE_SCHEDULE: SiteSchedule = {
  checkpoints: [
    { checkpoint: '12-weeks', after: { weeks: 12 } },
    { checkpoint: '26-weeks', after: { weeks: 26 } },
    { checkpoint: '52-weeks', after: { weeks: 52 } },
  ],
};

/** A site that follows the national survey: one follow-up at six months. */
export const NATIONAL_SURVEY_SCHEDULE: SiteSchedule = { checkpoints: [{ checkpoint: '6-months', after: { months: 6 } }] };

export const firstContactDueOn = (referredAt: IsoInstant): IsoDate => addWorkingDays(londonDateOf(referredAt), FIRST_CONTACT_WORKING_DAYS);

export const signedPlanDueOn = (referredAt: IsoInstant): IsoDate => addWorkingDays(londonDateOf(referredAt), SIGNED_PLAN_WORKING_DAYS);

const dueAfter = (start: IsoDate, offset: CheckpointOffset): IsoDate =>
  'weeks' in offset ? addDays(start, offset.weeks * 7) : addMonths(start, offset.months);

export const checkpointDueDates = (
  startedAt: IsoInstant,
  schedule: SiteSchedule = DEFAULT_SITE_SCHEDULE,
): { checkpoint: Checkpoint; dueOn: IsoDate }[] =>
  schedule.checkpoints.map(({ checkpoint, after }) => ({ checkpoint, dueOn: dueAfter(londonDateOf(startedAt), after) }));

/** What a follow-up calculation needs to know about one participant's current episode. */
export interface FollowUpFacts {
  readonly referredAt: IsoInstant;
  /** First contact made (reached or declined) or first appointment, whichever came first. */
  readonly firstContactAt: IsoInstant | null;
  /** The signature date of the first agreed plan. */
  readonly signedPlanOn: IsoDate | null;
  readonly startedAt: IsoInstant | null;
  readonly recordedCheckpoints: Readonly<Partial<Record<Checkpoint, 'reached' | 'not-reached'>>>;
  /** Not accepted at triage, or discharged without a start: nothing more falls due. */
  readonly closedWithoutStart: boolean;
}

export type FollowUpKind = 'first-contact' | 'signed-plan' | 'outcome';
export type FollowUpStatus = 'met' | 'met-late' | 'pending' | 'overdue';

export interface FollowUp {
  readonly kind: FollowUpKind;
  readonly checkpoint: Checkpoint | null;
  readonly dueOn: IsoDate;
  readonly status: FollowUpStatus;
  /** Days past the due date as of the calculation, 0 unless overdue. */
  readonly daysOverdue: number;
  readonly lostToFollowUp: boolean;
}

const statusOf = (dueOn: IsoDate, doneOn: IsoDate | null, asOf: IsoDate): FollowUpStatus => {
  if (doneOn !== null) return doneOn <= dueOn ? 'met' : 'met-late';
  return asOf > dueOn ? 'overdue' : 'pending';
};

const followUp = (kind: FollowUpKind, checkpoint: Checkpoint | null, dueOn: IsoDate, doneOn: IsoDate | null, asOf: IsoDate): FollowUp => {
  const status = statusOf(dueOn, doneOn, asOf);
  const daysOverdue = status === 'overdue' ? dayNumberOf(asOf) - dayNumberOf(dueOn) : 0;
  return { kind, checkpoint, dueOn, status, daysOverdue, lostToFollowUp: daysOverdue > LOST_TO_FOLLOW_UP_DAYS };
};

/** Every service standard and checkpoint of an episode, and where each stands on `asOf` (a London date). */
export const followUpsAsOf = (facts: FollowUpFacts, asOf: IsoDate, schedule: SiteSchedule = DEFAULT_SITE_SCHEDULE): FollowUp[] => {
  const contactOn = facts.firstContactAt === null ? null : londonDateOf(facts.firstContactAt);
  const items = [followUp('first-contact', null, firstContactDueOn(facts.referredAt), contactOn, asOf)];
  // A referral closed before any start owes nothing more; only standards already met are reported.
  if (facts.closedWithoutStart && facts.startedAt === null)
    return items.filter((item) => item.status === 'met' || item.status === 'met-late');
  items.push(followUp('signed-plan', null, signedPlanDueOn(facts.referredAt), facts.signedPlanOn, asOf));
  if (facts.startedAt === null) return items;
  for (const { checkpoint, dueOn } of checkpointDueDates(facts.startedAt, schedule)) {
    const recorded = facts.recordedCheckpoints[checkpoint];
    const item = followUp('outcome', checkpoint, dueOn, recorded === undefined ? null : dueOn, asOf);
    items.push(recorded === 'not-reached' ? { ...item, lostToFollowUp: true } : item);
  }
  return items;
};

/** The overdue items only: what the coach's caseload flags. */
export const overdueAsOf = (facts: FollowUpFacts, asOf: IsoDate, schedule: SiteSchedule = DEFAULT_SITE_SCHEDULE): FollowUp[] =>
  followUpsAsOf(facts, asOf, schedule).filter((item) => item.status === 'overdue');
