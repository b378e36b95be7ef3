import type { Mix, Ratio } from './evaluation-row.types';

export const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of === 0 ? null : count / of });

/** A count map as a plain object with sorted keys, so that equal figures serialise identically. */
export const mixOf = (counts: ReadonlyMap<string, number>): Mix =>
  Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export const increment = (counts: Map<string, number>, key: string, by = 1): void => {
  counts.set(key, (counts.get(key) ?? 0) + by);
};
