import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { type IsoInstant, toMillis } from '../shared/iso-time.values';
import { addToCohort, type CohortTally, cohortOutcomes, mergeCohortTally, newCohortTally } from './cohort-outcome.report';
import type { EvaluationRow, ReferralFigures } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import { increment, mixOf, ratio } from './ratio.values';
import { type PeriodKind, periodOf } from './reporting-period.values';

export const NATIONAL = '*';

const MIXES = [
  'bySource',
  'triageDecisions',
  'employmentStatusAtReferral',
  'primaryHealthBarrier',
  'ageBand',
  'sex',
  'ethnicity',
  'disability',
  'imdDecile',
  'onwardReferralsByService',
] as const;
type MixName = (typeof MIXES)[number];

interface Tally {
  readonly siteId: string;
  readonly period: string;
  referrals: number;
  readonly mixes: Record<MixName, Map<string, number>>;
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
  asOf: IsoInstant;
  lastPosition: number;
}

const newTally = (siteId: string, period: string, record: OutcomeRecord): Tally => ({
  siteId,
  period,
  referrals: 0,
  mixes: Object.fromEntries(MIXES.map((name) => [name, new Map<string, number>()])) as Record<MixName, Map<string, number>>,
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
  asOf: record.asOf,
  lastPosition: record.lastPosition,
});

const addReferral = (tally: Tally, record: OutcomeRecord): void => {
  const { mixes } = tally;
  tally.referrals += 1;
  increment(mixes.bySource, record.referralSource);
  increment(mixes.triageDecisions, record.triageDecision);
  increment(mixes.employmentStatusAtReferral, record.employmentStatusAtReferral);
  increment(mixes.primaryHealthBarrier, record.primaryHealthBarrier ?? 'not-assessed');
  for (const name of ['ageBand', 'sex', 'ethnicity', 'disability', 'imdDecile'] as const) increment(mixes[name], record.demographics[name]);
  for (const [service, count] of Object.entries(record.onwardReferrals)) increment(mixes.onwardReferralsByService, service, count);
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
};

const addStart = (tally: Tally, record: OutcomeRecord, asOfDay: string): void => {
  tally.starts += 1;
  addToCohort(tally.cohort, record, asOfDay);
};

const addRating = (tally: Tally, satisfaction: number): void => {
  tally.rated += 1;
  if (satisfaction >= 4) tally.satisfied += 1;
};

const addFollowUp = (tally: Tally, reached: boolean): void => {
  tally.followUpSettled += 1;
  if (reached) tally.followUpReached += 1;
};

const toRow = (tally: Tally, periodKind: PeriodKind): EvaluationRow => {
  const mixes = Object.fromEntries(MIXES.map((name) => [name, mixOf(tally.mixes[name])])) as Record<MixName, ReferralFigures[MixName]>;
  return {
    siteId: tally.siteId,
    periodKind,
    period: tally.period,
    referrals: { total: tally.referrals, ...mixes, outOfWorkAtReferral: tally.outOfWork, withEmployerLiaison: tally.withEmployerLiaison },
    starts: tally.starts,
    conversion: ratio(tally.startedReferrals, tally.referrals),
    cohort: cohortOutcomes(tally.cohort),
    satisfaction: ratio(tally.satisfied, tally.rated),
    followUpResponse: ratio(tally.followUpReached, tally.followUpSettled),
    firstContactStandard: ratio(tally.contactMet, tally.contactApplicable),
    signedPlanStandard: ratio(tally.planMet, tally.planApplicable),
    asOf: tally.asOf,
    lastPosition: tally.lastPosition,
  };
};

/** The evaluation figures being added up, one record at a time: memory grows with sites and periods, not participants. */
export interface EvaluationTally {
  readonly period: PeriodKind;
  readonly tallies: Map<string, Tally>;
  readonly asOfDays: Map<string, string>;
}

export const newEvaluationTally = (period: PeriodKind): EvaluationTally => ({ period, tallies: new Map(), asOfDays: new Map() });

/**
 * Counts one record in the period of each fact measured: referral figures, conversion and service
 * standards by the referral's date, starts and cohort outcomes by the start's, satisfaction by
 * the discharge's, follow-up response by the checkpoint's due date.
 */
export const tallyRecord = (report: EvaluationTally, record: OutcomeRecord): void => {
  const add = (period: string, change: (tally: Tally) => void): void => {
    for (const siteId of [record.siteId, NATIONAL]) {
      const key = `${siteId}\u0000${period}`;
      let tally = report.tallies.get(key);
      if (tally === undefined) report.tallies.set(key, (tally = newTally(siteId, period, record)));
      if (record.asOf !== tally.asOf && toMillis(record.asOf) > toMillis(tally.asOf)) tally.asOf = record.asOf;
      tally.lastPosition = Math.max(tally.lastPosition, record.lastPosition);
      change(tally);
    }
  };
  const monthly = report.period === 'month';
  add(monthly ? record.referralMonth : record.referralQuarter, (tally) => addReferral(tally, record));
  const startPeriod = monthly ? record.startMonth : record.startQuarter;
  if (startPeriod !== null) {
    // Records of one report share their as-of, so its London date is worked out once.
    const asOfDay = report.asOfDays.get(record.asOf) ?? londonDateOf(record.asOf);
    report.asOfDays.set(record.asOf, asOfDay);
    add(startPeriod, (tally) => addStart(tally, record, asOfDay));
  }
  const { exit, satisfaction } = record;
  if (exit !== null && satisfaction !== null)
    add(periodOf(londonDateOf(exit.dischargedAt), report.period), (tally) => addRating(tally, satisfaction));
  for (const checkpoint of record.checkpoints) {
    if (checkpoint.dueOn === null || (checkpoint.status === null && !checkpoint.lostToFollowUp)) continue;
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

/**
 * Adds the figures of one tally into another of the same period kind: tallies of separate sets
 * of records (the parts of a parallel replay) add up to the tally of all of them.
 */
export const mergeEvaluationTally = (into: EvaluationTally, from: EvaluationTally): void => {
  if (into.period !== from.period) throw new RangeError(`cannot merge a ${from.period} tally into a ${into.period} one`);
  for (const [key, tally] of from.tallies) {
    const target = into.tallies.get(key);
    if (target === undefined) {
      into.tallies.set(key, tally);
      continue;
    }
    for (const name of COUNTS) target[name] += tally[name];
    for (const name of MIXES) for (const [value, count] of tally.mixes[name]) increment(target.mixes[name], value, count);
    mergeCohortTally(target.cohort, tally.cohort);
    if (toMillis(tally.asOf) > toMillis(target.asOf)) target.asOf = tally.asOf;
    target.lastPosition = Math.max(target.lastPosition, tally.lastPosition);
  }
  for (const [asOf, day] of from.asOfDays) into.asOfDays.set(asOf, day);
};

/** The rows so far, ordered by site then period, the nation (`*`) first. */
export const evaluationRows = (report: EvaluationTally): EvaluationRow[] => {
  const compare = (a: Tally, b: Tally): number =>
    a.siteId !== b.siteId ? (a.siteId < b.siteId ? -1 : 1) : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
  return [...report.tallies.values()].sort(compare).map((tally) => toRow(tally, report.period));
};

/** The evaluation figures per site and period, and per period for the nation (`*`): see `tallyRecord`. */
export const evaluationReport = (records: readonly OutcomeRecord[], options: { readonly period: PeriodKind }): EvaluationRow[] => {
  const report = newEvaluationTally(options.period);
  for (const record of records) tallyRecord(report, record);
  return evaluationRows(report);
};
