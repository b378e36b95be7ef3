export interface SurvivalObservation {
  /** Time from the origin (days from start, for time to work); 0 or more. */
  readonly time: number;
  /** True when the event happened at `time`, false when the observation was censored then. */
  readonly event: boolean;
}

export interface KaplanMeierStep {
  readonly time: number;
  /** Observations with a time of at least `time`. */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** S(time), the estimate just after `time`. */
  readonly survival: number;
  /** Greenwood's standard error of S(time); null once S reaches 0, where it is undefined. */
  readonly standardError: number | null;
}

export const assertValidTimes = (observations: readonly { readonly time: number }[]): void => {
  const bad = observations.find((observation) => !Number.isFinite(observation.time) || observation.time < 0);
  if (bad !== undefined) throw new RangeError(`A survival time must be a finite number of 0 or more, not ${bad.time}.`);
};

/** The distinct times in order, each with the observations that end there. */
export const groupByTime = <O extends { readonly time: number }>(observations: readonly O[]): [number, O[]][] => {
  const groups = new Map<number, O[]>();
  for (const observation of observations) {
    const group = groups.get(observation.time);
    if (group === undefined) groups.set(observation.time, [observation]);
    else group.push(observation);
  }
  return [...groups].sort(([a], [b]) => a - b);
};

/**
 * The Kaplan-Meier product-limit estimate, one step per distinct time (events or censorings).
 * Censorings tied with events at a time count as still at risk then, as is conventional.
 */
export const kaplanMeier = (observations: readonly SurvivalObservation[]): KaplanMeierStep[] => {
  assertValidTimes(observations);
  let atRisk = observations.length;
  let survival = 1;
  let greenwood = 0;
  const steps: KaplanMeierStep[] = [];
  for (const [time, group] of groupByTime(observations)) {
    const events = group.filter((observation) => observation.event).length;
    const censored = group.length - events;
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      greenwood += events < atRisk ? events / (atRisk * (atRisk - events)) : Infinity;
    }
    steps.push({ time, atRisk, events, censored, survival, standardError: survival === 0 ? null : survival * Math.sqrt(greenwood) });
    atRisk -= group.length;
  }
  return steps;
};

/** S(t) read off the step function: 1 before the first step. */
export const survivalAt = (steps: readonly KaplanMeierStep[], time: number): number => {
  let survival = 1;
  for (const step of steps) {
    if (step.time > time) break;
    survival = step.survival;
  }
  return survival;
};
