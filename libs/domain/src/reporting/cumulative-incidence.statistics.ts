import { assertValidTimes, groupByTime } from './kaplan-meier.statistics';

export type CompetingRiskCause = 'event' | 'competing' | 'censored';

export interface CompetingRiskObservation {
  readonly time: number;
  readonly cause: CompetingRiskCause;
}

export interface CumulativeIncidenceStep {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  readonly competing: number;
  readonly censored: number;
  /** Overall Kaplan-Meier survival just after `time`, any cause counting as an exit. */
  readonly survival: number;
  /** Cumulative incidence of the event by `time`. */
  readonly eventIncidence: number;
  /** Cumulative incidence of the competing exits by `time`. */
  readonly competingIncidence: number;
}

/**
 * The Aalen-Johansen cumulative incidence functions for the event and the competing exits:
 * CIF_k(t) = sum over times t_j <= t of S(t_j-1) * d_kj / n_j, with S the overall Kaplan-Meier.
 * Unlike 1 - KM with competing exits censored, the two incidences and S always sum to 1.
 */
export const cumulativeIncidence = (observations: readonly CompetingRiskObservation[]): CumulativeIncidenceStep[] => {
  assertValidTimes(observations);
  let atRisk = observations.length;
  let survival = 1;
  let eventIncidence = 0;
  let competingIncidence = 0;
  const steps: CumulativeIncidenceStep[] = [];
  for (const [time, group] of groupByTime(observations)) {
    const events = group.filter((observation) => observation.cause === 'event').length;
    const competing = group.filter((observation) => observation.cause === 'competing').length;
    const censored = group.length - events - competing;
    if (events + competing > 0) {
      eventIncidence += (survival * events) / atRisk;
      competingIncidence += (survival * competing) / atRisk;
      survival *= (atRisk - events - competing) / atRisk;
    }
    steps.push({ time, atRisk, events, competing, censored, survival, eventIncidence, competingIncidence });
    atRisk -= group.length;
  }
  return steps;
};
