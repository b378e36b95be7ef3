/**
 * Counts by value for the report's hot loop, kept in arrays indexed by a code for each value: a
 * record's values are coded once, and each of the many tallies it enters (every period kind, every
 * level) then adds by index instead of looking a string up in a map.
 *
 * Codes belong to this thread's tables. Counts cross threads by structured clone (the parts of a
 * parallel replay), which cannot carry the tables; so counts carry the value of each code they
 * hold, and counts that arrive from elsewhere are recoded through those values before anything
 * is added to or read from them by code.
 */

/** One kind of value's codes (a breakdown dimension, a mix), in the order values were first seen. */
export interface CodeTable {
  readonly codes: Map<string, number>;
  readonly values: string[];
}

export const newCodeTable = (): CodeTable => ({ codes: new Map(), values: [] });

export const codeOf = (table: CodeTable, value: string): number => {
  let code = table.codes.get(value);
  if (code === undefined) {
    code = table.values.length;
    table.codes.set(value, code);
    table.values.push(value);
  }
  return code;
};

/** Marks counts coded by this thread's tables: a structured clone is a new object, so counts from another thread never match it. */
const THIS_THREAD: object = Object.freeze({});

export interface CodedCounts {
  /** `THIS_THREAD` while the codes are this thread's. */
  coder: object;
  /** By code: how many counted (the numerator). */
  readonly count: number[];
  /** By code: how many were considered (the denominator of a rate); 0 where only counts are kept. */
  readonly of: number[];
  /** By code: the value, or null for a code these counts have not seen. */
  readonly values: (string | null)[];
}

export const newCodedCounts = (): CodedCounts => ({ coder: THIS_THREAD, count: [], of: [], values: [] });

/** The values counted, in no particular order, with their counts. */
export const codedEntries = (counts: CodedCounts): { value: string; count: number; of: number }[] =>
  counts.values.flatMap((value, code) => (value === null ? [] : [{ value, count: counts.count[code], of: counts.of[code] }]));

const open = (counts: CodedCounts, table: CodeTable, code: number): void => {
  while (counts.values.length <= code) {
    counts.count.push(0);
    counts.of.push(0);
    counts.values.push(null);
  }
  counts.values[code] = table.values[code];
};

/** Gives counts that came from another thread this thread's codes, in place. */
const recode = (counts: CodedCounts, table: CodeTable): void => {
  const entries = codedEntries(counts);
  counts.count.length = 0;
  counts.of.length = 0;
  counts.values.length = 0;
  counts.coder = THIS_THREAD;
  for (const entry of entries) add(counts, table, codeOf(table, entry.value), entry.count, entry.of);
};

/** Adds `count` and `of` to the value with `code` (from `table`). */
export const add = (counts: CodedCounts, table: CodeTable, code: number, count: number, of: number): void => {
  if (counts.coder !== THIS_THREAD) recode(counts, table);
  if (code >= counts.values.length || counts.values[code] === null) open(counts, table, code);
  counts.count[code] += count;
  counts.of[code] += of;
};

/** Adds every value's counts in `from` to `into`: counts of separate sets of records add up to the counts of them all. */
export const mergeCodedCounts = (into: CodedCounts, from: CodedCounts, table: CodeTable): void => {
  for (const entry of codedEntries(from)) add(into, table, codeOf(table, entry.value), entry.count, entry.of);
};
