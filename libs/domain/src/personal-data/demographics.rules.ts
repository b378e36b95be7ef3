import type { Coded } from '../code-lists/code-list.types';
import { AGE_BANDS } from '../code-lists/referral.code-lists';
import type { IsoDate } from '../shared/iso-time.values';

export type AgeBand = (typeof AGE_BANDS.codes)[number];

/**
 * Equality monitoring data: coded, never identifying on its own, kept in clear so that the
 * evaluation survives erasure. Each item may be `not-disclosed`.
 */
export interface Demographics {
  readonly ageBand: Coded<AgeBand>;
  readonly sex: Coded;
  readonly ethnicity: Coded;
  readonly disability: Coded;
  readonly imdDecile: Coded;
}

/** Whole years, counting a 29 February birthday as reached on 1 March in other years. */
export const ageInYearsAt = (dateOfBirth: IsoDate, onDate: IsoDate): number => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
};

const BANDS: readonly [number, AgeBand][] = [
  [16, 'under-16'],
  [25, '16-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [65, '55-64'],
];

export const ageBandAt = (dateOfBirth: IsoDate, onDate: IsoDate): AgeBand => {
  const age = ageInYearsAt(dateOfBirth, onDate);
  return BANDS.find(([below]) => age < below)?.[1] ?? '65-plus';
};
