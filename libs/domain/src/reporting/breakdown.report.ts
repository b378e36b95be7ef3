import { CHECKPOINTS } from '../code-lists/outcome.code-lists';
import type { Breakdown, BreakdownDimension, BreakdownGroup, BreakdownMeasure, WellbeingFigure } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import {
  add,
  type CodedCounts,
  codedEntries,
  codeOf,
  type CodeTable,
  mergeCodedCounts,
  newCodedCounts,
  newCodeTable,
} from './coded-counts';

const EQUALITY: readonly BreakdownDimension[] = ['age-band', 'sex', 'ethnicity', 'disability', 'imd-decile'];

/** Every breakdown the report carries: the measure, and the dimensions it is split by. */
export const BREAKDOWNS: Readonly<Record<BreakdownMeasure, readonly BreakdownDimension[]>> = {
  referrals: [
    'referral-source',
    'referring-organisation',
    'locality',
    'delivery-organisation',
    'cohort',
    'employment-status-at-referral',
    'primary-health-barrier',
    ...EQUALITY,
  ],
  starts: [
    'referral-source',
    'locality',
    'cohort',
    'employment-status-at-referral',
    'employment-status-at-first-appointment',
    'primary-health-barrier',
    'primary-non-health-barrier',
    ...EQUALITY,
  ],
  conversion: ['referral-source', 'locality', 'cohort', 'employment-status-at-referral', ...EQUALITY],
  'work-outcome': ['locality', 'cohort', 'employment-status-at-referral', 'primary-health-barrier', ...EQUALITY],
  discharges: ['discharge-reason', 'employment-status-at-discharge'],
};

/** Mixes share out their measure's total; rates are worked out within each group. */
const RATES: ReadonlySet<BreakdownMeasure> = new Set(['conversion', 'work-outcome']);

/** A record's value for a dimension: codes as recorded, and a word for what is missing. */
export const dimensionValue = (record: OutcomeRecord, by: BreakdownDimension): string => {
  switch (by) {
    case 'referral-source':
      return record.referralSource;
    case 'referring-organisation':
      return record.referringOrganisation;
    case 'locality':
      return record.locality;
    case 'delivery-organisation':
      return record.deliveryOrganisation;
    case 'cohort':
      return record.cohort;
    case 'employment-status-at-referral':
      return record.employmentStatusAtReferral;
    case 'employment-status-at-first-appointment':
      return record.employmentStatusAtFirstAppointment ?? 'no-first-appointment';
    case 'primary-health-barrier':
      return record.primaryHealthBarrier ?? 'not-assessed';
    case 'primary-non-health-barrier':
      return record.primaryNonHealthBarrier ?? 'none-recorded';
    case 'age-band':
      return record.demographics.ageBand;
    case 'sex':
      return record.demographics.sex;
    case 'ethnicity':
      return record.demographics.ethnicity;
    case 'disability':
      return record.demographics.disability;
    case 'imd-decile':
      return record.demographics.imdDecile;
    case 'discharge-reason':
      return record.exit?.reason ?? 'not-discharged';
    case 'employment-status-at-discharge':
      return record.exit?.statusAtDischarge ?? 'not-recorded';
  }
};

interface Slot {
  readonly measure: BreakdownMeasure;
  readonly by: BreakdownDimension;
}

const SLOTS: readonly Slot[] = (Object.keys(BREAKDOWNS) as BreakdownMeasure[]).flatMap((measure) =>
  BREAKDOWNS[measure].map((by) => ({ measure, by })),
);
const SLOTS_OF: Readonly<Record<BreakdownMeasure, readonly number[]>> = Object.fromEntries(
  (Object.keys(BREAKDOWNS) as BreakdownMeasure[]).map((measure) => [
    measure,
    SLOTS.flatMap((slot, index) => (slot.measure === measure ? [index] : [])),
  ]),
) as Record<BreakdownMeasure, number[]>;

/** The dimensions the slots split by, each with this thread's codes for its values. */
const DIMENSIONS: readonly BreakdownDimension[] = [...new Set(SLOTS.map((slot) => slot.by))];
const TABLES: readonly CodeTable[] = DIMENSIONS.map(() => newCodeTable());
const SLOT_DIMENSION: readonly number[] = SLOTS.map((slot) => DIMENSIONS.indexOf(slot.by));

interface Cell {
  count: number;
  of: number;
}

/** Running counts of every breakdown of one row, and the wellbeing sums of its start cohort. */
export interface BreakdownTally {
  /** The counts of each value, one per slot (measure and dimension), in `SLOTS` order. */
  readonly groups: readonly CodedCounts[];
  readonly totals: Record<BreakdownMeasure, Cell>;
  readonly wellbeing: Map<string, { sum: number; participants: number }>;
}

export const newBreakdownTally = (): BreakdownTally => ({
  groups: SLOTS.map(() => newCodedCounts()),
  totals: {
    referrals: { count: 0, of: 0 },
    starts: { count: 0, of: 0 },
    conversion: { count: 0, of: 0 },
    'work-outcome': { count: 0, of: 0 },
    discharges: { count: 0, of: 0 },
  },
  wellbeing: new Map(),
});

const addTo = (cell: Cell, count: number, of: number): void => {
  cell.count += count;
  cell.of += of;
};

/** The codes of the record's value of every dimension, worked out once for the several tallies (period kinds) it enters in turn. */
let codesFor: { readonly record: OutcomeRecord; readonly codes: readonly number[] } | null = null;
const dimensionCodes = (record: OutcomeRecord): readonly number[] => {
  if (codesFor?.record !== record)
    codesFor = { record, codes: DIMENSIONS.map((by, index) => codeOf(TABLES[index], dimensionValue(record, by))) };
  return codesFor.codes;
};

/** Counts the record once in a measure: `hit` is whether it counts (1) or only in the denominator (0). */
export const tallyBreakdown = (tally: BreakdownTally, measure: BreakdownMeasure, record: OutcomeRecord, hit = true): void => {
  const count = hit ? 1 : 0;
  addTo(tally.totals[measure], count, 1);
  const codes = dimensionCodes(record);
  for (const index of SLOTS_OF[measure]) {
    const dimension = SLOT_DIMENSION[index];
    add(tally.groups[index], TABLES[dimension], codes[dimension], count, 1);
  }
};

const WELLBEING_KEY = '\u0000';

/** The start cohort's questionnaire scores: at baseline and at each checkpoint that recorded one. */
export const tallyWellbeing = (tally: BreakdownTally, record: OutcomeRecord): void => {
  const add = (instrument: string, at: string, score: number): void => {
    const key = `${instrument}${WELLBEING_KEY}${at}`;
    const sum = tally.wellbeing.get(key);
    if (sum === undefined) tally.wellbeing.set(key, { sum: score, participants: 1 });
    else {
      sum.sum += score;
      sum.participants += 1;
    }
  };
  if (record.baselineWellbeing !== null) add(record.baselineWellbeing.instrument, 'baseline', record.baselineWellbeing.score);
  for (const checkpoint of record.checkpoints)
    if (checkpoint.wellbeing !== null) add(checkpoint.wellbeing.instrument, checkpoint.checkpoint, checkpoint.wellbeing.score);
};

export const mergeBreakdownTally = (into: BreakdownTally, from: BreakdownTally): void => {
  from.groups.forEach((groups, index) => mergeCodedCounts(into.groups[index], groups, TABLES[SLOT_DIMENSION[index]]));
  for (const measure of Object.keys(into.totals) as BreakdownMeasure[])
    addTo(into.totals[measure], from.totals[measure].count, from.totals[measure].of);
  for (const [key, sum] of from.wellbeing) {
    const target = into.wellbeing.get(key);
    if (target === undefined) into.wellbeing.set(key, { ...sum });
    else {
      target.sum += sum.sum;
      target.participants += sum.participants;
    }
  }
};

/** Some, but fewer than the threshold: a count that could identify someone. */
const small = (value: number, threshold: number): boolean => value > 0 && value < threshold;

const groupOf = (value: string, cell: Cell, of: number, rate: boolean, threshold: number): BreakdownGroup => {
  const denominator = rate ? cell.of : of;
  if (small(cell.count, threshold) || (rate && small(denominator, threshold)))
    return { value, count: null, of: null, rate: null, suppressed: true };
  return { value, count: cell.count, of: denominator, rate: denominator === 0 ? null : cell.count / denominator, suppressed: false };
};

const byValue = <T extends { value: string }>(a: T, b: T): number => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** The breakdowns as published: groups in code order, those under `suppressBelow` marked suppressed. */
export const breakdownsOf = (tally: BreakdownTally, suppressBelow: number): Breakdown[] =>
  SLOTS.map(({ measure, by }, index) => {
    const rate = RATES.has(measure);
    const total = tally.totals[measure];
    const of = rate ? total.of : total.count;
    const count = total.count;
    const groups = codedEntries(tally.groups[index])
      .map((cell) => groupOf(cell.value, cell, count, rate, suppressBelow))
      .sort(byValue);
    return { measure, by, total: { count, of, rate: of === 0 ? null : count / of }, groups };
  });

export const wellbeingOf = (tally: BreakdownTally, suppressBelow: number): WellbeingFigure[] =>
  [...tally.wellbeing]
    .map(([key, { sum, participants }]) => {
      const [instrument, at] = key.split(WELLBEING_KEY);
      const suppressed = small(participants, suppressBelow);
      return {
        instrument,
        at: at as WellbeingFigure['at'],
        participants: suppressed ? null : participants,
        meanScore: suppressed || participants === 0 ? null : Math.round((sum / participants) * 100) / 100,
        suppressed,
      };
    })
    .sort((a, b) => (a.instrument !== b.instrument ? (a.instrument < b.instrument ? -1 : 1) : atOrder(a.at) - atOrder(b.at)));

/** Baseline first, then the checkpoints in the code list's order. */
const atOrder = (at: WellbeingFigure['at']): number => (at === 'baseline' ? -1 : CHECKPOINTS.codes.indexOf(at));
