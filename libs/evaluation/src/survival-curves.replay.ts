import { csvLine, type CurveGrouping, type SurvivalCurve, survivalCurve } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import type { AsOf } from './as-of.values';
import { type ReplayBasis, replayBasis } from './evaluation-replay';
import { type ReplayProgress, replayOutcomes } from './outcome-replay';
import { mergedGroups } from './record-sinks';

export interface ReplayedCurves extends ReplayBasis {
  readonly by: CurveGrouping;
  readonly curves: readonly SurvivalCurve[];
}

/**
 * Kaplan-Meier and cumulative-incidence curves of time from start to the first in-work or job
 * outcome as known at the as-of point (censored there), one pair per group. Only each start's
 * time and cause are kept, a few bytes a start.
 */
export const replayCurves = async (
  store: EventStore,
  asOf: AsOf,
  options: {
    readonly by: CurveGrouping;
    readonly siteId?: string;
    readonly threads?: number;
    readonly onProgress?: (progress: ReplayProgress) => void;
  },
): Promise<ReplayedCurves> => {
  const { summary, parts } = await replayOutcomes(store, asOf, {
    siteId: options.siteId,
    threads: options.threads,
    onProgress: options.onProgress,
    sink: () => ({ kind: 'curves', by: options.by }),
  });
  const groups = mergedGroups(parts);
  const curves = [...groups.keys()].sort().map((group) => survivalCurve(group, groups.get(group) ?? []));
  return { ...replayBasis(summary, options.siteId), by: options.by, curves };
};

export const CURVE_COLUMNS = [
  'group',
  'time_days',
  'at_risk',
  'work_outcomes',
  'competing_exits',
  'censored',
  'km_without_work_outcome',
  'km_standard_error',
  'cif_work_outcome',
  'cif_competing_exit',
] as const;

const rounded = (value: number | null): number | null => (value === null ? null : Math.round(value * 1e6) / 1e6);

/** One row per group and time at which anything happened; the two estimators share their times. */
export const curvesCsv = (curves: readonly SurvivalCurve[]): string => {
  let text = csvLine([...CURVE_COLUMNS]);
  for (const curve of curves) {
    curve.cumulativeIncidence.forEach((step, index) => {
      const km = curve.kaplanMeier[index];
      text += csvLine([
        curve.group,
        step.time,
        step.atRisk,
        step.events,
        step.competing,
        step.censored,
        rounded(km.survival),
        rounded(km.standardError),
        rounded(step.eventIncidence),
        rounded(step.competingIncidence),
      ]);
    });
  }
  return text;
};
