import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  greenwoodBand,
  medianSurvival,
  type MedianSurvival,
  type SurvivalCurve,
  survivalAt,
} from '@workwell/domain';

/** Published tables leave out groups smaller than this (a disclosure risk); `--suppress-below` changes it. */
export const DEFAULT_SUPPRESS_BELOW = DEFAULT_SUPPRESSION_THRESHOLD;
/** The follow-up checkpoints, in days from start: 12, 26 and 52 weeks. */
export const CHECKPOINT_DAYS = [84, 182, 364] as const;

/**
 * What the chart draws, and all it is given: groups under the threshold are named, never their
 * figures, so that a file made from this holds nothing about them.
 */
export interface SurvivalChartData {
  readonly by: string;
  readonly asOf: string;
  readonly judgedAt: string;
  readonly lastPosition: number;
  readonly siteId: string | null;
  readonly participants: number;
  readonly episodes: number;
  readonly suppressBelow: number;
  readonly curves: readonly SurvivalCurve[];
  readonly suppressed: readonly string[];
}

/** What the replay answers (ReplayedCurves), as far as the chart reads it: the browser bundle imports no replay code. */
export interface CurvesSource {
  readonly by: string;
  readonly asOf: string;
  readonly judgedAt: string;
  readonly lastPosition: number;
  readonly siteId?: string | null;
  readonly participants: number;
  readonly episodes: number;
  readonly curves: readonly SurvivalCurve[];
}

export const survivalChartData = (result: CurvesSource, suppressBelow = DEFAULT_SUPPRESS_BELOW): SurvivalChartData => {
  if (!Number.isInteger(suppressBelow) || suppressBelow < 0)
    throw new RangeError(`The suppression threshold must be a whole number of 0 or more, not ${suppressBelow}.`);
  return {
    by: result.by,
    asOf: result.asOf,
    judgedAt: result.judgedAt,
    lastPosition: result.lastPosition,
    siteId: result.siteId ?? null,
    participants: result.participants,
    episodes: result.episodes,
    suppressBelow,
    curves: result.curves.filter((curve) => curve.starts >= suppressBelow),
    suppressed: result.curves.filter((curve) => curve.starts < suppressBelow).map((curve) => curve.group),
  };
};

/** "1 start", "2 starts", "1,234 starts". */
export const plural = (count: number, noun: string, pluralNoun = `${noun}s`): string =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? noun : pluralNoun}`;

/** The last day anyone in the group was followed: each curve ends there, never at another group's. */
export const lastFollowUp = (curve: SurvivalCurve): number => curve.kaplanMeier.at(-1)?.time ?? 0;

export interface GroupSummary {
  readonly group: string;
  readonly starts: number;
  readonly workOutcomes: number;
  readonly competingExits: number;
  readonly censored: number;
  readonly lastFollowUp: number;
  readonly median: MedianSurvival;
}

export const groupSummary = (curve: SurvivalCurve): GroupSummary => ({
  group: curve.group,
  starts: curve.starts,
  workOutcomes: curve.cumulativeIncidence.reduce((sum, step) => sum + step.events, 0),
  competingExits: curve.cumulativeIncidence.reduce((sum, step) => sum + step.competing, 0),
  censored: curve.cumulativeIncidence.reduce((sum, step) => sum + step.censored, 0),
  lastFollowUp: lastFollowUp(curve),
  median: medianSurvival(curve.kaplanMeier),
});

/** Axis ticks, numbers-at-risk and data-table times: 4-weekly on a short follow-up, 13-weekly on a long one. */
export const timeTicks = (maxTime: number): number[] => {
  const step = maxTime <= 196 ? 28 : maxTime <= 392 ? 56 : maxTime <= 728 ? 91 : 182;
  return Array.from({ length: Math.floor(maxTime / step) + 1 }, (_, index) => index * step);
};

/** Those still followed at `time`: null once the group's follow-up has ended, so a table shows no false zero. */
export const atRiskAt = (curve: SurvivalCurve, time: number): number | null => {
  if (time === 0) return curve.starts;
  return curve.kaplanMeier.find((step) => step.time >= time)?.atRisk ?? null;
};

export interface CurvePoint {
  readonly time: number;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

/** The Kaplan-Meier steps from (0, 1) to the last follow-up, each with its 95% Greenwood band. */
export const kaplanMeierPoints = (curve: SurvivalCurve): CurvePoint[] => [
  { time: 0, value: 1, lower: 1, upper: 1 },
  ...curve.kaplanMeier.map((step) => ({ time: step.time, value: step.survival, ...greenwoodBand(step) })),
];

/** Where someone was censored: the ticks on the curve. */
export const censorings = (curve: SurvivalCurve): { time: number; value: number; censored: number }[] =>
  curve.kaplanMeier.filter((step) => step.censored > 0).map((step) => ({ time: step.time, value: step.survival, censored: step.censored }));

export const incidencePoints = (
  curve: SurvivalCurve,
  cause: 'eventIncidence' | 'competingIncidence',
): { time: number; value: number }[] => [
  { time: 0, value: 0 },
  ...curve.cumulativeIncidence.map((step) => ({ time: step.time, value: step[cause] })),
];

/** The step function's value at `time`, and its band, within the follow-up (null past it). */
export const valuesAt = (curve: SurvivalCurve, time: number) => {
  if (time > lastFollowUp(curve)) return null;
  let km: (typeof curve.kaplanMeier)[number] | undefined;
  let cif: (typeof curve.cumulativeIncidence)[number] | undefined;
  curve.kaplanMeier.forEach((step, index) => {
    if (step.time <= time) [km, cif] = [step, curve.cumulativeIncidence[index]];
  });
  return {
    survival: survivalAt(curve.kaplanMeier, time),
    band: km ? greenwoodBand(km) : { lower: 1, upper: 1 },
    workOutcome: cif?.eventIncidence ?? 0,
    competingExit: cif?.competingIncidence ?? 0,
  };
};

/** Okabe and Ito's colour-blind-safe hues (orange darkened to 3:1 on white), each with three dash patterns. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#A66F00', '#000000'] as const;
export const DASHES = ['none', '8 4', '2 3'] as const;

export const seriesStyle = (index: number): { colour: string; dash: string } => ({
  colour: PALETTE[index % PALETTE.length],
  dash: DASHES[Math.floor(index / PALETTE.length) % DASHES.length],
});

/**
 * Direct labels at the curves' ends, moved down where an earlier label ends close by in both time
 * and height: with ten or more groups, a label says which curve is which where colours alone would not.
 */
export const endLabels = (
  curves: readonly SurvivalCurve[],
  gaps: { readonly time: number; readonly value: number },
): { group: string; time: number; value: number }[] => {
  const ends = curves
    .map((curve) => ({ group: curve.group, time: lastFollowUp(curve), value: curve.kaplanMeier.at(-1)?.survival ?? 1 }))
    .sort((a, b) => a.time - b.time || b.value - a.value);
  ends.forEach((label, index) => {
    for (const placed of ends.slice(0, index))
      if (Math.abs(label.time - placed.time) < gaps.time && Math.abs(label.value - placed.value) < gaps.value)
        label.value = placed.value - gaps.value;
  });
  return ends;
};
