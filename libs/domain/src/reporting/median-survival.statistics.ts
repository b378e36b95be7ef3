import type { KaplanMeierStep } from './kaplan-meier.statistics';

/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface SurvivalBand {
  readonly lower: number;
  readonly upper: number;
}

/**
 * The pointwise Greenwood band S(t) ± z·SE(t), clipped to [0, 1]. Where the standard error is
 * undefined (S has reached 0) the band is the point itself.
 */
export const greenwoodBand = (step: Pick<KaplanMeierStep, 'survival' | 'standardError'>, z = Z_95): SurvivalBand => {
  const spread = step.standardError === null ? 0 : z * step.standardError;
  return { lower: Math.max(0, step.survival - spread), upper: Math.min(1, step.survival + spread) };
};

export interface MedianSurvival {
  /** The first time S(t) is 0.5 or less; null while the curve has not come down to a half. */
  readonly median: number | null;
  /** The interval's ends, each null when it was not reached within the follow-up (an open interval). */
  readonly lower: number | null;
  readonly upper: number | null;
}

const firstAtOrBelowHalf = (steps: readonly KaplanMeierStep[], value: (step: KaplanMeierStep) => number): number | null =>
  steps.find((step) => value(step) <= 0.5)?.time ?? null;

/**
 * The median time and its Brookmeyer-Crowley interval: the times t where |S(t) - 0.5| <= z·SE(t),
 * that is from where the band's lower edge first comes down to a half to where its upper edge does.
 * The interval is read off the same Greenwood band that the chart draws.
 */
export const medianSurvival = (steps: readonly KaplanMeierStep[], z = Z_95): MedianSurvival => ({
  median: firstAtOrBelowHalf(steps, (step) => step.survival),
  lower: firstAtOrBelowHalf(steps, (step) => greenwoodBand(step, z).lower),
  upper: firstAtOrBelowHalf(steps, (step) => greenwoodBand(step, z).upper),
});
