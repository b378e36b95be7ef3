import type { Checkpoint } from '../journey/exit.events';
import type { IsoInstant } from '../shared/iso-time.values';
import type { PeriodKind } from './reporting-period.values';

/** `count` of `of`, and their quotient (null when `of` is 0): every figure carries what it was made of. */
export interface Ratio {
  readonly count: number;
  readonly of: number;
  readonly rate: number | null;
}

/** Counts by code, keys in code order of the string sort. */
export type Mix = Readonly<Record<string, number>>;

/** Who was referred in the period: every mix sums to `total`. */
export interface ReferralFigures {
  readonly total: number;
  readonly bySource: Mix;
  /** Includes `pending` for referrals not yet triaged. */
  readonly triageDecisions: Mix;
  readonly employmentStatusAtReferral: Mix;
  readonly outOfWorkAtReferral: number;
  /** Includes `not-assessed`. */
  readonly primaryHealthBarrier: Mix;
  readonly ageBand: Mix;
  readonly sex: Mix;
  readonly ethnicity: Mix;
  readonly disability: Mix;
  readonly imdDecile: Mix;
  /** Onward referrals made for the period's referrals, by service (not a mix: one person may have several). */
  readonly onwardReferralsByService: Mix;
  /** The period's referrals with at least one employer liaison. */
  readonly withEmployerLiaison: number;
}

/** One checkpoint of a start cohort. */
export interface CohortCheckpointOutcome {
  readonly checkpoint: Checkpoint;
  /** The cohort's starts whose site follows this checkpoint: the denominator of the ratios. */
  readonly starts: number;
  /** Of those, the checkpoints due by the as-of date. */
  readonly due: number;
  readonly reached: number;
  readonly lostToFollowUp: number;
  /** In work (remained or returned) at this checkpoint. */
  readonly inWork: Ratio;
  /** New employment or self-employed at this checkpoint. */
  readonly job: Ratio;
  /** In work or a job at this checkpoint or an earlier one of the schedule. */
  readonly inWorkOrJobByCheckpoint: Ratio;
}

/** Outcomes of the participants who started in the period, never mixed with other cohorts. */
export interface CohortOutcomes {
  readonly starts: number;
  readonly checkpoints: readonly CohortCheckpointOutcome[];
  /** Of the starts whose schedule has both 12 and 26 weeks, those in work at both. */
  readonly sustained: Ratio;
  /** Of the starts, those with any in-work or job outcome so far. */
  readonly anyWorkOutcome: Ratio;
}

/** What a breakdown counts, and in which period: see `BREAKDOWNS`. */
export type BreakdownMeasure = 'referrals' | 'starts' | 'conversion' | 'work-outcome' | 'discharges';

export type BreakdownDimension =
  | 'referral-source'
  | 'referring-organisation'
  | 'locality'
  | 'delivery-organisation'
  | 'cohort'
  | 'employment-status-at-referral'
  | 'employment-status-at-first-appointment'
  | 'primary-health-barrier'
  | 'primary-non-health-barrier'
  | 'age-band'
  | 'sex'
  | 'ethnicity'
  | 'disability'
  | 'imd-decile'
  | 'discharge-reason'
  | 'employment-status-at-discharge';

/** One group of a breakdown. A suppressed group shows that it exists, never its figures. */
export interface BreakdownGroup {
  readonly value: string;
  readonly count: number | null;
  /** The group's denominator: the measure's total for a mix, the group's own size for a rate. */
  readonly of: number | null;
  readonly rate: number | null;
  readonly suppressed: boolean;
}

/**
 * A measure split by one dimension. For the mixes (referrals, starts, discharges) the groups'
 * counts add up to `total.count`; for the rates (conversion, work outcome) both the counts and
 * the denominators add up to the total's.
 */
export interface Breakdown {
  readonly measure: BreakdownMeasure;
  readonly by: BreakdownDimension;
  readonly total: Ratio;
  readonly groups: readonly BreakdownGroup[];
}

/** Mean questionnaire scores of a start cohort, per instrument, at baseline and at each checkpoint. */
export interface WellbeingFigure {
  readonly instrument: string;
  readonly at: 'baseline' | Checkpoint;
  /** Null when suppressed. */
  readonly participants: number | null;
  /** Null when suppressed or when nobody answered. */
  readonly meanScore: number | null;
  readonly suppressed: boolean;
}

/** A site's own row, its vanguard's roll-up, or the nation's. */
export type RowLevel = 'site' | 'vanguard' | 'national';

export interface EvaluationRow {
  /** The site; the vanguard's id on a vanguard row; `*` for the national total. */
  readonly siteId: string;
  readonly level: RowLevel;
  readonly periodKind: PeriodKind;
  readonly period: string;
  /** Referrals by the referral's `occurredAt`. */
  readonly referrals: ReferralFigures;
  /** Starts by the start's `occurredAt`. */
  readonly starts: number;
  /**
   * The starts the site (or the sites rolled up) was funded for in the period: financial quarters
   * and the programme to date only; null elsewhere and where no target is configured.
   */
  readonly startTarget: number | null;
  readonly startsAgainstTarget: Ratio | null;
  /** The period's referrals that have started (by the as-of), of the period's referrals. */
  readonly conversion: Ratio;
  /** The start cohort of the period. */
  readonly cohort: CohortOutcomes;
  /** Ratings of 4 or 5 among discharges in the period that gave one. */
  readonly satisfaction: Ratio;
  /** Checkpoints due in the period and settled (recorded, or lost to follow-up): those reached. */
  readonly followUpResponse: Ratio;
  /** The period's referrals: first contact within 2 working days, of those where it applies. */
  readonly firstContactStandard: Ratio;
  /** The period's referrals: signed plan within 20 working days, of those where it applies. */
  readonly signedPlanStandard: Ratio;
  /** Every breakdown the programme publishes, groups under the suppression threshold marked as such. */
  readonly breakdowns: readonly Breakdown[];
  readonly wellbeing: readonly WellbeingFigure[];
  /** Groups with fewer than this many (but some) were suppressed; 0 when nothing was. */
  readonly suppressedBelow: number;
  /** What the row was computed from. */
  readonly asOf: IsoInstant;
  readonly lastPosition: number;
}
