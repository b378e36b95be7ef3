import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { SiteRegistry } from '../sites/site-configuration.types';
import { configuredSiteIds, EMPTY_SITE_REGISTRY, startTargetOf, vanguardOf } from '../sites/site-registry';
import { type IsoDate, type IsoInstant, toMillis } from '../shared/iso-time.values';
import {
  type BreakdownTally,
  breakdownsOf,
  mergeBreakdownTally,
  newBreakdownTally,
  tallyBreakdown,
  tallyWellbeing,
  wellbeingOf,
} from './breakdown.report';
import { addToCohort, type CohortTally, cohortOutcomes, mergeCohortTally, newCohortTally } from './cohort-outcome.report';
import type { EvaluationRow, RowLevel } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import { mergeReferralMixes, newReferralMixes, type ReferralMixes, referralMixesOf, tallyReferralMixes } from './referral-mixes.report';
import { ratio } from './ratio.values';
import {
  financialQuarterBounds,
  financialQuarterOf,
  type PeriodKind,
  periodOf,
  periodSortKey,
  PROGRAMME_TO_DATE,
} from './reporting-period.values';

export const NATIONAL = '*';

/** Groups smaller than this (but not empty) are suppressed in published breakdowns. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

interface Tally {
  readonly siteId: string;
  readonly level: RowLevel;
  readonly period: string;
  referrals: number;
  readonly mixes: ReferralMixes;
  outOfWork: number;
  withEmployerLiaison: number;
  startedReferrals: number;
  contactMet: number;
  contactApplicable: number;
  planMet: number;
  planApplicable: number;
  starts: number;
  readonly cohort: CohortTally;
  rated: number;
  satisfied: number;
  followUpSettled: number;
  followUpReached: number;
  /**
   * A site's breakdowns, by the vanguard its records rolled up to. Only site tallies count them:
   * the vanguard's and the nation's are the sums of their sites', added when the rows are made.
   */
  readonly byVanguard: Map<string, BreakdownTally>;
  asOf: IsoInstant;
  lastPosition: number;
}

const newTally = (siteId: string, level: RowLevel, period: string, asOf: IsoInstant, lastPosition: number): Tally => ({
  siteId,
  level,
  period,
  referrals: 0,
  mixes: newReferralMixes(),
  outOfWork: 0,
  withEmployerLiaison: 0,
  startedReferrals: 0,
  contactMet: 0,
  contactApplicable: 0,
  planMet: 0,
  planApplicable: 0,
  starts: 0,
  cohort: newCohortTally(),
  rated: 0,
  satisfied: 0,
  followUpSettled: 0,
  followUpReached: 0,
  byVanguard: new Map(),
  asOf,
  lastPosition,
});

const addReferral = (tally: Tally, record: OutcomeRecord, breakdowns: BreakdownTally | null): void => {
  tally.referrals += 1;
  tallyReferralMixes(tally.mixes, record);
  if (record.outOfWorkAtReferral) tally.outOfWork += 1;
  if (record.employerLiaison) tally.withEmployerLiaison += 1;
  if (record.startedAt !== null) tally.startedReferrals += 1;
  if (record.firstContactWithin2WorkingDays !== null) {
    tally.contactApplicable += 1;
    if (record.firstContactWithin2WorkingDays) tally.contactMet += 1;
  }
  if (record.signedPlanWithin20WorkingDays !== null) {
    tally.planApplicable += 1;
    if (record.signedPlanWithin20WorkingDays) tally.planMet += 1;
  }
  if (breakdowns === null) return;
  tallyBreakdown(breakdowns, 'referrals', record);
  tallyBreakdown(breakdowns, 'conversion', record, record.startedAt !== null);
};

const addStart = (tally: Tally, record: OutcomeRecord, asOfDay: string, breakdowns: BreakdownTally | null): void => {
  tally.starts += 1;
  addToCohort(tally.cohort, record, asOfDay);
  if (breakdowns === null) return;
  tallyBreakdown(breakdowns, 'starts', record);
  tallyBreakdown(breakdowns, 'work-outcome', record, record.firstWorkOutcome !== null);
  tallyWellbeing(breakdowns, record);
};

const addDischarge = (tally: Tally, record: OutcomeRecord, breakdowns: BreakdownTally | null): void => {
  if (breakdowns !== null) tallyBreakdown(breakdowns, 'discharges', record);
  if (record.satisfaction === null) return;
  tally.rated += 1;
  if (record.satisfaction >= 4) tally.satisfied += 1;
};

const addFollowUp = (tally: Tally, reached: boolean): void => {
  tally.followUpSettled += 1;
  if (reached) tally.followUpReached += 1;
};

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

/** Only the facts dated within these London dates (inclusive) are counted. */
export interface ReportRange {
  readonly from?: IsoDate;
  readonly to?: IsoDate;
}

/** The evaluation figures being added up, one record at a time: memory grows with sites and periods, not participants. */
export interface EvaluationTally {
  readonly period: PeriodKind;
  readonly range: ReportRange;
  readonly tallies: Map<string, Tally>;
  /** The same tallies by level, site and period: found without building a key string per fact. */
  readonly index: Map<RowLevel, Map<string, Map<string, Tally>>>;
  readonly asOfDays: Map<string, string>;
}

const keyOf = (level: RowLevel, siteId: string, period: string): string => `${level}\u0000${siteId}\u0000${period}`;

const indexed = (report: EvaluationTally, level: RowLevel, siteId: string): Map<string, Tally> => {
  let sites = report.index.get(level);
  if (sites === undefined) report.index.set(level, (sites = new Map()));
  let periods = sites.get(siteId);
  if (periods === undefined) sites.set(siteId, (periods = new Map()));
  return periods;
};

export const newEvaluationTally = (period: PeriodKind, range: ReportRange = {}): EvaluationTally => ({
  period,
  range,
  tallies: new Map(),
  index: new Map(),
  asOfDays: new Map(),
});

const PERIOD_FIELDS: Readonly<
  Record<Exclude<PeriodKind, 'programme-to-date'>, { readonly referral: keyof OutcomeRecord; readonly start: keyof OutcomeRecord }>
> = {
  month: { referral: 'referralMonth', start: 'startMonth' },
  quarter: { referral: 'referralQuarter', start: 'startQuarter' },
  'financial-quarter': { referral: 'referralFinancialQuarter', start: 'startFinancialQuarter' },
};

const inRange = (range: ReportRange, day: IsoDate): boolean =>
  (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to);

/**
 * Counts one record in the period of each fact measured: referral figures, conversion and service
 * standards by the referral's date, starts and cohort outcomes by the start's, satisfaction by
 * the discharge's, follow-up response by the checkpoint's due date.
 */
export const tallyRecord = (report: EvaluationTally, record: OutcomeRecord): void => {
  const levels: [string, RowLevel][] =
    record.vanguard === record.siteId
      ? [
          [record.siteId, 'site'],
          [NATIONAL, 'national'],
        ]
      : [
          [record.siteId, 'site'],
          [record.vanguard, 'vanguard'],
          [NATIONAL, 'national'],
        ];
  const add = (period: string, change: (tally: Tally, breakdowns: BreakdownTally | null) => void): void => {
    for (const [siteId, level] of levels) {
      const periods = indexed(report, level, siteId);
      let tally = periods.get(period);
      if (tally === undefined) {
        tally = newTally(siteId, level, period, record.asOf, record.lastPosition);
        periods.set(period, tally);
        report.tallies.set(keyOf(level, siteId, period), tally);
      }
      if (record.asOf !== tally.asOf && toMillis(record.asOf) > toMillis(tally.asOf)) tally.asOf = record.asOf;
      tally.lastPosition = Math.max(tally.lastPosition, record.lastPosition);
      let breakdowns: BreakdownTally | null = null;
      if (level === 'site') {
        breakdowns = tally.byVanguard.get(record.vanguard) ?? null;
        if (breakdowns === null) tally.byVanguard.set(record.vanguard, (breakdowns = newBreakdownTally()));
      }
      change(tally, breakdowns);
    }
  };
  const { range } = report;
  const ranged = range.from !== undefined || range.to !== undefined;
  const fields = report.period === 'programme-to-date' ? null : PERIOD_FIELDS[report.period];
  const periodOfField = (field: keyof OutcomeRecord): string => (fields === null ? PROGRAMME_TO_DATE : (record[field] as string));
  if (!ranged || inRange(range, londonDateOf(record.referredAt)))
    add(periodOfField(fields?.referral ?? 'referralMonth'), (tally, breakdowns) => addReferral(tally, record, breakdowns));
  if (record.startedAt !== null && (!ranged || inRange(range, londonDateOf(record.startedAt)))) {
    // Records of one report share their as-of, so its London date is worked out once.
    const asOfDay = report.asOfDays.get(record.asOf) ?? londonDateOf(record.asOf);
    report.asOfDays.set(record.asOf, asOfDay);
    add(periodOfField(fields?.start ?? 'startMonth'), (tally, breakdowns) => addStart(tally, record, asOfDay, breakdowns));
  }
  const { exit } = record;
  if (exit !== null) {
    const day = londonDateOf(exit.dischargedAt);
    if (!ranged || inRange(range, day)) add(periodOf(day, report.period), (tally, breakdowns) => addDischarge(tally, record, breakdowns));
  }
  for (const checkpoint of record.checkpoints) {
    if (checkpoint.dueOn === null || (checkpoint.status === null && !checkpoint.lostToFollowUp)) continue;
    if (ranged && !inRange(range, checkpoint.dueOn)) continue;
    const reached = checkpoint.status !== null && checkpoint.status !== 'not-reached';
    add(periodOf(checkpoint.dueOn, report.period), (tally) => addFollowUp(tally, reached));
  }
};

const COUNTS = [
  'referrals',
  'outOfWork',
  'withEmployerLiaison',
  'startedReferrals',
  'contactMet',
  'contactApplicable',
  'planMet',
  'planApplicable',
  'starts',
  'rated',
  'satisfied',
  'followUpSettled',
  'followUpReached',
] as const;

/** Adds one tally's figures into another's: tallies of separate sets of records add up to the tally of them all. */
const mergeTally = (target: Tally, tally: Tally): void => {
  for (const name of COUNTS) target[name] += tally[name];
  mergeReferralMixes(target.mixes, tally.mixes);
  mergeCohortTally(target.cohort, tally.cohort);
  for (const [vanguard, breakdowns] of tally.byVanguard) {
    let into = target.byVanguard.get(vanguard);
    if (into === undefined) target.byVanguard.set(vanguard, (into = newBreakdownTally()));
    mergeBreakdownTally(into, breakdowns);
  }
  if (toMillis(tally.asOf) > toMillis(target.asOf)) target.asOf = tally.asOf;
  target.lastPosition = Math.max(target.lastPosition, tally.lastPosition);
};

/**
 * Adds the figures of one tally into another of the same period kind: tallies of separate sets
 * of records (the parts of a parallel replay) add up to the tally of all of them. `from` is
 * spent: its rows may be taken over rather than copied.
 */
export const mergeEvaluationTally = (into: EvaluationTally, from: EvaluationTally): void => {
  if (into.period !== from.period) throw new RangeError(`cannot merge a ${from.period} tally into a ${into.period} one`);
  for (const [key, tally] of from.tallies) {
    const target = into.tallies.get(key);
    if (target === undefined) {
      into.tallies.set(key, tally);
      indexed(into, tally.level, tally.siteId).set(tally.period, tally);
    } else mergeTally(target, tally);
  }
  for (const [asOf, day] of from.asOfDays) into.asOfDays.set(asOf, day);
};

/**
 * The tally of another period kind, added up from a month tally: every fact is counted in the
 * period of one London date, and each calendar quarter, financial quarter and the programme to
 * date is a union of whole months, so its counts are the sums of its months'. The same figures
 * as tallying every record by that kind (a property test holds them equal), for a quarter of
 * the work per record. `months` is left as it was.
 */
export const rollUpEvaluationTally = (months: EvaluationTally, kind: PeriodKind): EvaluationTally => {
  if (months.period !== 'month') throw new RangeError(`only a month tally rolls up, not a ${months.period} one`);
  if (kind === 'month') return months;
  const report = newEvaluationTally(kind, months.range);
  for (const tally of months.tallies.values()) {
    const period = periodOf(`${tally.period}-01`, kind);
    const periods = indexed(report, tally.level, tally.siteId);
    let target = periods.get(period);
    if (target === undefined) {
      target = newTally(tally.siteId, tally.level, period, tally.asOf, tally.lastPosition);
      periods.set(period, target);
      report.tallies.set(keyOf(tally.level, tally.siteId, period), target);
    }
    mergeTally(target, tally);
  }
  for (const [asOf, day] of months.asOfDays) report.asOfDays.set(asOf, day);
  return report;
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
