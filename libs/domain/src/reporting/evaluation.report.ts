import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { SiteRegistry } from '../sites/site-configuration.types';
import { configuredSiteIds, EMPTY_SITE_REGISTRY, startTargetOf, vanguardOf } from '../sites/site-registry';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import { type BreakdownTally, breakdownsOf, mergeBreakdownTally, newBreakdownTally, wellbeingOf } from './breakdown.report';
import { cohortOutcomes } from './cohort-outcome.report';
import type { EvaluationRow, RowLevel } from './evaluation-row.types';
import {
  type EvaluationTally,
  newEvaluationTally,
  type ReportRange,
  rollUpEvaluationTally,
  type Tally,
  tallyRecord,
} from './evaluation-tally.report';
import type { OutcomeRecord } from './outcome-record.types';
import { referralMixesOf } from './referral-mixes.report';
import { ratio } from './ratio.values';
import { financialQuarterBounds, financialQuarterOf, type PeriodKind, periodSortKey } from './reporting-period.values';

/** Groups smaller than this (but not empty) are suppressed in published breakdowns. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** How rows are made from the tallies: the registry for the targets, and the suppression threshold. */
export interface RowOptions {
  readonly sites?: SiteRegistry;
  /** Default `DEFAULT_SUPPRESSION_THRESHOLD`; 0 publishes every figure. */
  readonly suppressBelow?: number;
}

/** The sites a row adds up: itself, the sites configured to roll up to a vanguard, or every configured site. */
const sitesOf = (tally: Tally, sites: SiteRegistry, day: IsoDate): string[] => {
  if (tally.level === 'site') return [tally.siteId];
  const configured = configuredSiteIds(sites);
  return tally.level === 'national' ? configured : configured.filter((siteId) => vanguardOf(sites, siteId, day) === tally.siteId);
};

const quarterTarget = (tally: Tally, sites: SiteRegistry, quarter: string): number | null => {
  const targets = sitesOf(tally, sites, financialQuarterBounds(quarter).last).map((siteId) => startTargetOf(sites, siteId, quarter));
  return targets.some((target) => target !== null) ? targets.reduce<number>((sum, target) => sum + (target ?? 0), 0) : null;
};

/** The quarters with a target, from the first configured to the one the report's as-of falls in. */
const quartersToDate = (sites: SiteRegistry, asOf: IsoInstant, range: ReportRange): string[] => {
  const last = financialQuarterOf(range.to !== undefined && range.to < londonDateOf(asOf) ? range.to : londonDateOf(asOf));
  const quarters = new Set(sites.configurations.flatMap((entry) => Object.keys(entry.quarterlyStartTargets)));
  return [...quarters].filter((quarter) => {
    const bounds = financialQuarterBounds(quarter);
    return (
      periodSortKey(quarter, 'financial-quarter') <= periodSortKey(last, 'financial-quarter') &&
      (range.from === undefined || bounds.last >= range.from)
    );
  });
};

const targetOf = (tally: Tally, kind: PeriodKind, sites: SiteRegistry, range: ReportRange): number | null => {
  if (kind === 'financial-quarter') return quarterTarget(tally, sites, tally.period);
  if (kind !== 'programme-to-date') return null;
  const targets = quartersToDate(sites, tally.asOf, range).map((quarter) => quarterTarget(tally, sites, quarter));
  return targets.some((target) => target !== null) ? targets.reduce<number>((sum, target) => sum + (target ?? 0), 0) : null;
};

const toRow = (tally: Tally, breakdowns: BreakdownTally, report: EvaluationTally, options: RowOptions): EvaluationRow => {
  const mixes = referralMixesOf(tally.mixes);
  const suppressBelow = options.suppressBelow ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const startTarget = targetOf(tally, report.period, options.sites ?? EMPTY_SITE_REGISTRY, report.range);
  return {
    siteId: tally.siteId,
    level: tally.level,
    periodKind: report.period,
    period: tally.period,
    referrals: { total: tally.referrals, ...mixes, outOfWorkAtReferral: tally.outOfWork, withEmployerLiaison: tally.withEmployerLiaison },
    starts: tally.starts,
    startTarget,
    startsAgainstTarget: startTarget === null ? null : ratio(tally.starts, startTarget),
    conversion: ratio(tally.startedReferrals, tally.referrals),
    cohort: cohortOutcomes(tally.cohort),
    satisfaction: ratio(tally.satisfied, tally.rated),
    followUpResponse: ratio(tally.followUpReached, tally.followUpSettled),
    firstContactStandard: ratio(tally.contactMet, tally.contactApplicable),
    signedPlanStandard: ratio(tally.planMet, tally.planApplicable),
    breakdowns: breakdownsOf(breakdowns, suppressBelow),
    wellbeing: wellbeingOf(breakdowns, suppressBelow),
    suppressedBelow: suppressBelow,
    asOf: tally.asOf,
    lastPosition: tally.lastPosition,
  };
};

const LEVEL_ORDER: Readonly<Record<RowLevel, number>> = { national: 0, vanguard: 1, site: 2 };

/** The rows so far: the nation (`*`) first, then vanguards, then sites, each by id then period in time order. */
export const evaluationRows = (report: EvaluationTally, options: RowOptions = {}): EvaluationRow[] => {
  const keyOf = (tally: Tally): string => periodSortKey(tally.period, report.period);
  const compare = (a: Tally, b: Tally): number => {
    if (a.level !== b.level) return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
    if (a.siteId !== b.siteId) return a.siteId < b.siteId ? -1 : 1;
    const [left, right] = [keyOf(a), keyOf(b)];
    return left < right ? -1 : left > right ? 1 : 0;
  };
  const sitesByPeriod = new Map<string, Tally[]>();
  for (const tally of report.tallies.values())
    if (tally.level === 'site') sitesByPeriod.set(tally.period, [...(sitesByPeriod.get(tally.period) ?? []), tally]);
  const breakdownsOfRow = (tally: Tally): BreakdownTally => {
    const parts =
      tally.level === 'site'
        ? [...tally.byVanguard.values()]
        : (sitesByPeriod.get(tally.period) ?? []).flatMap((site) =>
            tally.level === 'national'
              ? [...site.byVanguard.values()]
              : site.siteId === tally.siteId
                ? []
                : [site.byVanguard.get(tally.siteId) ?? []].flat(),
          );
    if (parts.length === 1) return parts[0];
    const sum = newBreakdownTally();
    for (const part of parts) mergeBreakdownTally(sum, part);
    return sum;
  };
  return [...report.tallies.values()].sort(compare).map((tally) => toRow(tally, breakdownsOfRow(tally), report, options));
};

/**
 * The evaluation figures per site and period, per vanguard and for the nation (`*`): see
 * `tallyRecord`. Counted by month and rolled up, as the replays and the live report count them.
 */
export const evaluationReport = (
  records: readonly OutcomeRecord[],
  options: RowOptions & ReportRange & { readonly period: PeriodKind },
): EvaluationRow[] => {
  const months = newEvaluationTally('month', { from: options.from, to: options.to });
  for (const record of records) tallyRecord(months, record);
  return evaluationRows(rollUpEvaluationTally(months, options.period), options);
};
