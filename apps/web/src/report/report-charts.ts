import type { WorkwellSurvivalChart } from '@workwell/survival-chart';
import { codeLabel } from '../view/format';
import { isTarget, measureLabel, type MeasurePath, type ReportRow, valueAt } from './report-measures';

/** Plot comes with the survival chart bundle (survival-chart.js), so the pages carry one copy of it. */
const charts = () => (globalThis as { WorkwellSurvivalChart?: WorkwellSurvivalChart }).WorkwellSurvivalChart;
const plotLibrary = () => charts()?.Plot;
const clean = (figure: Element): Element => charts()?.fitForPage(figure) ?? figure;

const TEXT = '#212b32';
/** Okabe and Ito's colour-blind-safe set for filled areas, grey for "other". */
const FILLS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const OTHER = '#8a9499';
/** Not "Other": that is a code of several lists. */
const ALL_OTHERS = 'All the rest';
const LINES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#A66F00', '#000000'];

const base = (width: number, ariaLabel: string, periods: readonly string[]) => ({
  className: 'ww-plot',
  width: Math.max(320, width),
  height: 260,
  marginBottom: periods.length > 8 ? 56 : 36,
  marginLeft: 52,
  ariaLabel,
  style: { fontSize: '12px', color: TEXT },
  x: { domain: [...periods], label: null, tickRotate: periods.length > 8 ? -40 : 0, type: 'point' as const, padding: 0.4 },
});

const numeric = (value: unknown): number | null =>
  typeof value === 'number' ? value : typeof (value as { rate?: unknown })?.rate === 'number' ? (value as { rate: number }).rate : null;

export interface SeriesPoint {
  readonly period: string;
  readonly series: string;
  readonly value: number;
}

/** The values of some measures over the periods, one series each; gaps stay gaps. */
export const seriesOf = (rows: readonly ReportRow[], paths: readonly MeasurePath[]): SeriesPoint[] =>
  rows.flatMap((row) =>
    paths.flatMap((path) => {
      const value = numeric(valueAt(row, path));
      return value === null ? [] : [{ period: row.period, series: measureLabel(path), value }];
    }),
  );

/** Lines over the periods with a point at each, a legend of HTML beside it; null when Plot is not loaded. */
export const lineChart = (
  rows: readonly ReportRow[],
  paths: readonly MeasurePath[],
  options: { rate: boolean; label: string; width: number },
) => {
  const Plot = plotLibrary();
  const data = seriesOf(rows, paths);
  if (!Plot || data.length === 0) return null;
  const periods = rows.map((row) => row.period);
  const names = [...new Set(data.map((point) => point.series))];
  const colour = { domain: names, range: LINES };
  const targets = new Set(paths.filter(isTarget).map(measureLabel));
  return {
    names: names.map((name, index) => ({ name, colour: LINES[index % LINES.length], dashed: targets.has(name) })),
    figure: clean(
      Plot.plot({
        ...base(options.width, options.label, periods),
        y: options.rate ? { domain: [0, 100], percent: true, grid: true, label: '%' } : { grid: true, label: null, zero: true },
        color: colour,
        marks: [
          Plot.ruleY([0]),
          Plot.line(
            data.filter((point) => !targets.has(point.series)),
            { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2, z: 'series' },
          ),
          Plot.line(
            data.filter((point) => targets.has(point.series)),
            { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 3', z: 'series' },
          ),
          Plot.dot(data, {
            x: 'period',
            y: 'value',
            fill: 'series',
            r: 3,
            title: (p: SeriesPoint) => `${p.series}, ${p.period}: ${p.value}`,
          }),
        ],
      }),
    ),
  };
};

/** A mix as shares of each period's total: the largest codes over all periods, the rest as "other". */
export const mixChart = (rows: readonly ReportRow[], path: MeasurePath, width: number) => {
  const Plot = plotLibrary();
  if (!Plot) return null;
  const totals = new Map<string, number>();
  const mixes = rows.map((row) => (valueAt(row, path) ?? {}) as Record<string, number>);
  for (const mix of mixes) for (const [code, count] of Object.entries(mix)) totals.set(code, (totals.get(code) ?? 0) + count);
  const top = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, FILLS.length)
    .map(([code]) => code);
  const groups = [...top.map(codeLabel), ...(totals.size > top.length ? [ALL_OTHERS] : [])];
  const data = rows.flatMap((row, index) =>
    Object.entries(mixes[index]).map(([code, count]) => ({
      period: row.period,
      group: top.includes(code) ? codeLabel(code) : ALL_OTHERS,
      count,
    })),
  );
  if (data.length === 0) return null;
  const range = [...FILLS.slice(0, top.length), OTHER];
  return {
    names: groups.map((name, index) => ({ name, colour: range[index], dashed: false })),
    figure: clean(
      Plot.plot({
        ...base(
          width,
          `${measureLabel(path)}: shares by period`,
          rows.map((row) => row.period),
        ),
        x: { domain: rows.map((row) => row.period), label: null, tickRotate: rows.length > 8 ? -40 : 0, padding: 0.2 },
        y: { percent: true, label: '%', grid: true },
        color: { domain: groups, range },
        marks: [
          Plot.barY(data, Plot.stackY({ offset: 'normalize', order: groups, x: 'period', y: 'count', fill: 'group' })),
          Plot.ruleY([0]),
        ],
      }),
    ),
  };
};
