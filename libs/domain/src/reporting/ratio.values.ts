import { type CodedCounts, codedEntries } from './coded-counts';
import type { Mix, Ratio } from './evaluation-row.types';

export const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of === 0 ? null : count / of });

/** Counts by value as a plain object with sorted keys, so that equal figures serialise identically. */
export const mixOf = (counts: CodedCounts): Mix =>
  Object.fromEntries(
    codedEntries(counts)
      .map(({ value, count }): [string, number] => [value, count])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
