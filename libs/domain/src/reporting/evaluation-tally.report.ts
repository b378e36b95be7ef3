import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { type IsoDate, type IsoInstant, toMillis } from '../shared/iso-time.values';
import { type BreakdownTally, mergeBreakdownTally, newBreakdownTally, tallyBreakdown, tallyWellbeing } from './breakdown.report';
import { addToCohort, type CohortTally, mergeCohortTally, newCohortTally } from './cohort-outcome.report';
import type { RowLevel } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import { mergeReferralMixes, newReferralMixes, type ReferralMixes, tallyReferralMixes } from './referral-mixes.report';
import { type PeriodKind, periodOf, PROGRAMME_TO_DATE } from './reporting-period.values';

/**
 * The evaluation report's running counts: each record added once, by the period of each fact it
 * measures; tallies merged part by part and rolled up from months. The rows are made from them in
 * `evaluation.report.ts`.
 */

/** The site id of the national rows. */
export const NATIONAL = '*';

export interface Tally {
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

export const indexed = (report: EvaluationTally, level: RowLevel, siteId: string): Map<string, Tally> => {
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
