import { add, type CodedCounts, codeOf, type CodeTable, mergeCodedCounts, newCodedCounts, newCodeTable } from './coded-counts';
import type { ReferralFigures } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import { mixOf } from './ratio.values';

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

/** How a row's referrals divide by source, triage decision, status, barrier and characteristics, and the onward referrals by service. */
export type ReferralMixes = Record<MixName, CodedCounts>;

const TABLES = Object.fromEntries(MIXES.map((name) => [name, newCodeTable()])) as Record<MixName, CodeTable>;

/** The mixes with one value a record, and that value. */
const SINGLE_MIXES: readonly [Exclude<MixName, 'onwardReferralsByService'>, (record: OutcomeRecord) => string][] = [
  ['bySource', (record) => record.referralSource],
  ['triageDecisions', (record) => record.triageDecision],
  ['employmentStatusAtReferral', (record) => record.employmentStatusAtReferral],
  ['primaryHealthBarrier', (record) => record.primaryHealthBarrier ?? 'not-assessed'],
  ['ageBand', (record) => record.demographics.ageBand],
  ['sex', (record) => record.demographics.sex],
  ['ethnicity', (record) => record.demographics.ethnicity],
  ['disability', (record) => record.demographics.disability],
  ['imdDecile', (record) => record.demographics.imdDecile],
];

interface MixCodes {
  readonly record: OutcomeRecord;
  readonly single: readonly number[];
  /** Each onward service's code, with the record's count of referrals to it. */
  readonly onward: readonly (readonly [number, number])[];
}

/** The codes of a record's values, worked out once for the levels and period kinds it is counted in. */
let codesFor: MixCodes | null = null;
const mixCodes = (record: OutcomeRecord): MixCodes => {
  if (codesFor?.record !== record)
    codesFor = {
      record,
      single: SINGLE_MIXES.map(([name, valueOf]) => codeOf(TABLES[name], valueOf(record))),
      onward: Object.entries(record.onwardReferrals).map(
        ([service, count]) => [codeOf(TABLES.onwardReferralsByService, service), count] as const,
      ),
    };
  return codesFor;
};

export const newReferralMixes = (): ReferralMixes => Object.fromEntries(MIXES.map((name) => [name, newCodedCounts()])) as ReferralMixes;

/** Counts one referral in every mix. */
export const tallyReferralMixes = (mixes: ReferralMixes, record: OutcomeRecord): void => {
  const codes = mixCodes(record);
  SINGLE_MIXES.forEach(([name], index) => add(mixes[name], TABLES[name], codes.single[index], 1, 0));
  for (const [code, count] of codes.onward) add(mixes.onwardReferralsByService, TABLES.onwardReferralsByService, code, count, 0);
};

export const mergeReferralMixes = (into: ReferralMixes, from: ReferralMixes): void => {
  for (const name of MIXES) mergeCodedCounts(into[name], from[name], TABLES[name]);
};

/** The mixes as a row publishes them: each a plain object with sorted keys. */
export const referralMixesOf = (mixes: ReferralMixes): Pick<ReferralFigures, MixName> =>
  Object.fromEntries(MIXES.map((name) => [name, mixOf(mixes[name])])) as Pick<ReferralFigures, MixName>;
