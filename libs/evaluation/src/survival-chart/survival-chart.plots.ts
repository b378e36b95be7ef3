import * as Plot from '@observablehq/plot';
import type { SurvivalCurve } from '@workwell/domain';
import {
  censorings,
  CHECKPOINT_DAYS,
  endLabels,
  incidencePoints,
  kaplanMeierPoints,
  lastFollowUp,
  seriesStyle,
  timeTicks,
} from '../survival-chart.model';

export interface PlotSize {
  readonly width: number;
  readonly height: number;
}

const TEXT = '#212b32';
const GRID = '#4c6272';

const dashOf = (index: number): string | undefined => {
  const { dash } = seriesStyle(index);
  return dash === 'none' ? undefined : dash;
};

/**
 * A Plot figure made fit for the pages. Plot writes a <style> element into it, which a strict
 * Content-Security-Policy refuses: it goes, and the `ww-plot` class is styled by our CSS. Plot
 * labels and describes each mark's <g> (aria-label, aria-description), which ARIA forbids on an
 * element with no role: the figure is one image (its tables are the text alternative), and the
 * labels and descriptions move to data-label and data-description.
 */
export const fitForPage = <E extends Element>(figure: E): E => {
  figure.querySelectorAll('style').forEach((style) => style.remove());
  for (const name of ['label', 'description'])
    figure.querySelectorAll(`[aria-${name}]`).forEach((element) => {
      if (element === figure) return;
      element.setAttribute(`data-${name}`, element.getAttribute(`aria-${name}`) ?? '');
      element.removeAttribute(`aria-${name}`);
    });
  figure.setAttribute('role', 'img');
  return figure;
};

const checkpointMarks = (maxTime: number) => {
  const days = CHECKPOINT_DAYS.filter((day) => day <= maxTime);
  return [
    Plot.ruleX(days, { stroke: GRID, strokeDasharray: '4 3', strokeWidth: 1 }),
    Plot.text(days, { x: (day: number) => day, text: (day: number) => `${day / 7} weeks`, frameAnchor: 'top', dy: -8, fill: TEXT }),
  ];
};

const axes = (maxTime: number, yLabel: string) => ({
  x: { domain: [0, Math.max(1, maxTime)], ticks: timeTicks(maxTime), label: 'Days from start', labelAnchor: 'center' as const },
  // percent: values are shares (0 to 1), drawn and labelled as percentages (0 to 100).
  y: { domain: [0, 100], percent: true, grid: true, label: yLabel, labelAnchor: 'center' as const },
});

const maxTimeOf = (curves: readonly SurvivalCurve[]): number => Math.max(1, ...curves.map(lastFollowUp));

/** Kaplan-Meier curves, each ending at its group's last follow-up, with bands, censoring ticks and direct labels. */
export const kaplanMeierPlot = (curves: readonly SurvivalCurve[], size: PlotSize, bands: boolean): SVGSVGElement => {
  const maxTime = maxTimeOf(curves);
  const longest = Math.max(...curves.map((curve) => curve.group.length));
  const marks = curves.flatMap((curve, index) => {
    const { colour } = seriesStyle(index);
    const points = kaplanMeierPoints(curve);
    return [
      ...(bands
        ? [
            Plot.areaY(points, {
              x: 'time',
              y1: 'lower',
              y2: 'upper',
              curve: 'step-after',
              fill: colour,
              fillOpacity: 0.12,
              ariaHidden: 'true',
            }),
          ]
        : []),
      Plot.line(points, {
        x: 'time',
        y: 'value',
        curve: 'step-after',
        stroke: colour,
        strokeWidth: 2,
        strokeDasharray: dashOf(index),
        ariaDescription: `Kaplan-Meier, ${curve.group}`,
      }),
      Plot.dot(censorings(curve), {
        x: 'time',
        y: 'value',
        symbol: 'plus',
        r: 3,
        stroke: colour,
        strokeWidth: 1.2,
        ariaDescription: `Censored, ${curve.group}`,
      }),
    ];
  });
  const labels = endLabels(curves, { time: maxTime * 0.04, value: 0.045 });
  return fitForPage(
    Plot.plot({
      className: 'ww-plot',
      width: size.width,
      height: size.height,
      marginTop: 24,
      marginRight: Math.min(160, 12 + longest * 7),
      ariaLabel: `Kaplan-Meier curves of the share still without a work outcome, for ${curves.length} groups; the figures are in the tables below`,
      marginBottom: 40,
      style: { fontSize: '12px', color: TEXT },
      ...axes(maxTime, 'Without a work outcome (%)'),
      marks: [
        ...checkpointMarks(maxTime),
        ...marks,
        Plot.text(labels, {
          x: 'time',
          y: 'value',
          text: 'group',
          dx: 6,
          textAnchor: 'start',
          fill: TEXT,
          stroke: 'white',
          strokeWidth: 3,
        }),
      ],
    }),
  ) as SVGSVGElement;
};

/** A cumulative incidence (work outcome, or competing exit) per group, each ending at its last follow-up. */
export const incidencePlot = (
  curves: readonly SurvivalCurve[],
  cause: 'eventIncidence' | 'competingIncidence',
  yLabel: string,
  size: PlotSize,
): SVGSVGElement => {
  const maxTime = maxTimeOf(curves);
  return fitForPage(
    Plot.plot({
      className: 'ww-plot',
      width: size.width,
      height: size.height,
      marginTop: 24,
      marginBottom: 40,
      ariaLabel: `${yLabel}: cumulative incidence curves for ${curves.length} groups; the figures are in the data table below`,
      style: { fontSize: '12px', color: TEXT },
      ...axes(maxTime, yLabel),
      marks: [
        ...checkpointMarks(maxTime),
        ...curves.map((curve, index) =>
          Plot.line(incidencePoints(curve, cause), {
            x: 'time',
            y: 'value',
            curve: 'step-after',
            stroke: seriesStyle(index).colour,
            strokeWidth: 2,
            strokeDasharray: dashOf(index),
            ariaDescription: `${yLabel}, ${curve.group}`,
          }),
        ),
      ],
    }),
  ) as SVGSVGElement;
};
