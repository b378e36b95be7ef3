import { codeLabel, nameLabel } from '../view/format';

/**
 * The evaluation report read generically: every number of a row is a count, every
 * `{ count, of, rate }` a ratio, every object of numbers a mix, wherever it sits. A measure the
 * API adds (a breakdown, a target) then shows up in the tables without a change here.
 */
export type Cell =
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'ratio'; readonly count: number; readonly of: number; readonly rate: number | null };

export interface ReportRow {
  readonly siteId: string;
  readonly period: string;
  readonly [figure: string]: unknown;
}

/** A measure's place in a row, e.g. ['referrals', 'bySource', 'gp'] or ['cohort', 'checkpoints', '12-weeks', 'inWork']. */
export type MeasurePath = readonly string[];

/** What says which row a figure belongs to, not a figure. */
const ROW_KEYS = new Set(['siteId', 'periodKind', 'period', 'asOf', 'lastPosition']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isRatio = (value: unknown): value is { count: number; of: number; rate: number | null } =>
  isObject(value) && typeof value.count === 'number' && typeof value.of === 'number' && 'rate' in value;

export const isMix = (value: unknown): value is Record<string, number> =>
  isObject(value) && !isRatio(value) && Object.keys(value).length > 0 && Object.values(value).every((item) => typeof item === 'number');

/** An array element is named by its first text field (a checkpoint, a group), else by its place. */
const elementName = (item: unknown, index: number): string =>
  (isObject(item) ? Object.values(item).find((value): value is string => typeof value === 'string') : undefined) ?? String(index + 1);

const walk = (value: unknown, path: string[], visit: (path: MeasurePath, value: unknown) => void): void => {
  visit(path, value);
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, elementName(item, index)], visit));
  else if (isObject(value) && !isRatio(value))
    for (const [key, item] of Object.entries(value)) if (!(path.length === 0 && ROW_KEYS.has(key))) walk(item, [...path, key], visit);
};

export const keyOf = (path: MeasurePath): string => path.join('\u001f');

/** Every count and ratio of a row, by path. */
export const cellsOf = (row: ReportRow): Map<string, Cell> => {
  const cells = new Map<string, Cell>();
  walk(row, [], (path, value) => {
    if (typeof value === 'number' && path.length > 0) cells.set(keyOf(path), { kind: 'count', value });
    else if (isRatio(value)) cells.set(keyOf(path), { kind: 'ratio', count: value.count, of: value.of, rate: value.rate });
  });
  return cells;
};

/** The paths of every count and ratio in any of the rows, in the order they first appear. */
export const measurePaths = (rows: readonly ReportRow[]): MeasurePath[] => {
  const seen = new Map<string, MeasurePath>();
  for (const row of rows)
    walk(row, [], (path, value) => {
      if ((typeof value === 'number' || isRatio(value)) && path.length > 0 && !seen.has(keyOf(path))) seen.set(keyOf(path), path);
    });
  return [...seen.values()];
};

/** The paths of every mix in any of the rows. */
export const mixPaths = (rows: readonly ReportRow[]): MeasurePath[] => {
  const seen = new Map<string, MeasurePath>();
  for (const row of rows) walk(row, [], (path, value) => isMix(value) && !seen.has(keyOf(path)) && seen.set(keyOf(path), path));
  return [...seen.values()];
};

export const valueAt = (row: ReportRow, path: MeasurePath): unknown => {
  let value: unknown = row;
  for (const segment of path) {
    if (Array.isArray(value)) value = value.find((item, index) => elementName(item, index) === segment);
    else value = isObject(value) ? value[segment] : undefined;
  }
  return value;
};

const LABELS: Readonly<Record<string, string>> = {
  'referrals.total': 'Referrals',
  starts: 'Starts',
  conversion: 'Conversion (referrals that started)',
  satisfaction: 'Satisfied (4 or 5 of those rating)',
  followUpResponse: 'Follow-ups reached (of those settled)',
  firstContactStandard: 'First contact within 2 working days',
  signedPlanStandard: 'Signed plan within 20 working days',
  'cohort.starts': 'Start cohort',
  'cohort.sustained': 'Cohort: sustained in work at 12 and 26 weeks',
  'cohort.anyWorkOutcome': 'Cohort: any work outcome so far',
  'referrals.outOfWorkAtReferral': 'Referrals out of work at referral',
  'referrals.withEmployerLiaison': 'Referrals with employer liaison',
};

const segmentLabel = (segment: string): string =>
  /^[\d-]+$/.test(segment) ? segment : /[A-Z]/.test(segment) ? nameLabel(segment) : codeLabel(segment);

/** Segments that only say "a list of": the element's own name says enough. */
const UNSPOKEN = new Set(['checkpoints']);

export const measureLabel = (path: MeasurePath): string =>
  LABELS[path.join('.')] ??
  path
    .filter((segment) => !UNSPOKEN.has(segment))
    .map(segmentLabel)
    .join(' › ');

/** The figures a reader looks at first; any measure named like a target joins them. */
export const HEADLINE_PATHS: readonly MeasurePath[] = [
  ['referrals', 'total'],
  ['starts'],
  ['conversion'],
  ['cohort', 'anyWorkOutcome'],
  ['cohort', 'sustained'],
  ['satisfaction'],
  ['followUpResponse'],
  ['firstContactStandard'],
  ['signedPlanStandard'],
];

export const isTarget = (path: MeasurePath): boolean => path.some((segment) => /target/i.test(segment));
