import type { OutcomeEmploymentStatus } from '../journey/exit.events';
import type { EmploymentStatus } from '../journey/referral.events';

/** In work with the same employer (domain.md "in-work outcome"). */
export const IN_WORK_STATUSES: readonly OutcomeEmploymentStatus[] = ['remained-in-work', 'returned-to-work'];

/** A new job or self-employment (domain.md "job outcome"). */
export const JOB_STATUSES: readonly OutcomeEmploymentStatus[] = ['new-employment', 'self-employed'];

export const OUT_OF_WORK_STATUSES: readonly EmploymentStatus[] = ['unemployed', 'economically-inactive'];

export type WorkOutcomeKind = 'in-work' | 'job';

export const workOutcomeKindOf = (status: string | null): WorkOutcomeKind | null => {
  if (status === null) return null;
  if ((IN_WORK_STATUSES as readonly string[]).includes(status)) return 'in-work';
  return (JOB_STATUSES as readonly string[]).includes(status) ? 'job' : null;
};

export const isOutOfWork = (status: string): boolean => (OUT_OF_WORK_STATUSES as readonly string[]).includes(status);

/** How an episode ended; survival analysis treats withdrew, moved away and disengaged as competing exits. */
export type ExitType = 'work' | 'withdrew' | 'moved-away' | 'disengaged' | 'other';

export const COMPETING_EXITS: readonly ExitType[] = ['withdrew', 'moved-away', 'disengaged'];

/**
 * No discharge reason says "found work", so an exit is `work` when an in-work or job outcome had
 * been observed by the discharge; otherwise the reason decides, and plan completed, referred on
 * and not eligible are `other`.
 */
export const exitTypeOf = (reason: string, inWorkByDischarge: boolean): ExitType => {
  if (inWorkByDischarge) return 'work';
  return reason === 'withdrew' || reason === 'moved-away' || reason === 'disengaged' ? reason : 'other';
};

export const isCompetingExit = (reason: string): boolean => COMPETING_EXITS.includes(exitTypeOf(reason, false));
