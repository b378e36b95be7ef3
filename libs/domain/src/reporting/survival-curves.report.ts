import { type CumulativeIncidenceStep, cumulativeIncidence } from './cumulative-incidence.statistics';
import { type KaplanMeierStep, kaplanMeier } from './kaplan-meier.statistics';
import type { TimeToWorkObservation } from './time-to-work.report';

export const CURVE_GROUPINGS = ['all', 'cohort', 'site', 'source', 'barrier'] as const;
export type CurveGrouping = (typeof CURVE_GROUPINGS)[number];

/** The group an observation's curve belongs to: its start month, site, referral source or primary barrier. */
export const curveGroupOf = (observation: TimeToWorkObservation, by: CurveGrouping): string => {
  switch (by) {
    case 'all':
      return 'all';
    case 'cohort':
      return observation.startMonth;
    case 'site':
      return observation.siteId;
    case 'source':
      return observation.referralSource;
    case 'barrier':
      return observation.primaryHealthBarrier ?? 'not-assessed';
  }
};

export interface SurvivalCurve {
  readonly group: string;
  readonly starts: number;
  /** Time to the first in-work or job outcome, every other end censored. */
  readonly kaplanMeier: readonly KaplanMeierStep[];
  /** Work outcome against the competing exits (withdrew, moved away, disengaged), the rest censored. */
  readonly cumulativeIncidence: readonly CumulativeIncidenceStep[];
}

/** One time to work: only what the estimators need, so that a million of them stay small. */
export type CurveObservation = Pick<TimeToWorkObservation, 'time' | 'cause'>;

/**
 * Both estimators for one group. Kaplan-Meier treats competing exits as censored (the curve a
 * reader expects to see, biased when exits compete), the cumulative incidence does not.
 */
export const survivalCurve = (group: string, observations: readonly CurveObservation[]): SurvivalCurve => ({
  group,
  starts: observations.length,
  kaplanMeier: kaplanMeier(observations.map(({ time, cause }) => ({ time, event: cause === 'event' }))),
  cumulativeIncidence: cumulativeIncidence(observations),
});
