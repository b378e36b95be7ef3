import type { SurvivalCurve } from '@workwell/domain';
import type { ReplayedCurves } from './survival-curves.replay';

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { top: 20, right: 20, bottom: 44, left: 56 };
/** Colour-blind-safe (Okabe-Ito), then repeated with dashes. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fixed = (value: number): string => value.toFixed(1);

interface Series {
  readonly label: string;
  /** Step points (time, value), starting at (0, first value). */
  readonly points: readonly (readonly [number, number])[];
}

const stepPath = (series: Series, x: (t: number) => number, y: (v: number) => number, maxTime: number): string => {
  let d = '';
  let previous: number | null = null;
  for (const [time, value] of series.points) {
    d += previous === null ? `M${fixed(x(time))},${fixed(y(value))}` : `H${fixed(x(time))}V${fixed(y(value))}`;
    previous = value;
  }
  return `${d}H${fixed(x(maxTime))}`;
};

const niceStep = (max: number): number => [7, 14, 28, 56, 91, 182, 364, 728].find((step) => max / step <= 8) ?? 1456;

const panel = (title: string, yLabel: string, series: readonly Series[], maxTime: number): string => {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number): number => MARGIN.left + (maxTime === 0 ? 0 : (t / maxTime) * plotWidth);
  const y = (v: number): number => MARGIN.top + (1 - v) * plotHeight;
  const parts: string[] = [];
  for (let v = 0; v <= 1.0001; v += 0.2) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(v))}" y2="${fixed(y(v))}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${Math.round(v * 100)}%</text>`);
  }
  const step = niceStep(maxTime);
  for (let t = 0; t <= maxTime; t += step)
    parts.push(`<text x="${fixed(x(t))}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${t}</text>`);
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 8}" text-anchor="middle">days from start</text>`);
  parts.push(`<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#888"/>`);
  series.forEach((s, index) => {
    const dash = index >= COLOURS.length ? ' stroke-dasharray="6 3"' : '';
    parts.push(
      `<path d="${stepPath(s, x, y, maxTime)}" fill="none" stroke="${COLOURS[index % COLOURS.length]}" stroke-width="1.6"${dash}><title>${escape(s.label)}</title></path>`,
    );
  });
  return `<figure><figcaption>${escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(title)}">${parts.join('')}</svg></figure>`;
};

const kmSeries = (curve: SurvivalCurve): Series => ({
  label: curve.group,
  points: [[0, 1], ...curve.kaplanMeier.map((s) => [s.time, s.survival] as const)],
});
const cifSeries = (curve: SurvivalCurve): Series => ({
  label: curve.group,
  points: [[0, 0], ...curve.cumulativeIncidence.map((s) => [s.time, s.eventIncidence] as const)],
});
const competingSeries = (curve: SurvivalCurve): Series => ({
  label: curve.group,
  points: [[0, 0], ...curve.cumulativeIncidence.map((s) => [s.time, s.competingIncidence] as const)],
});

const legend = (curves: readonly SurvivalCurve[]): string =>
  `<ul class="legend">${curves
    .map(
      (curve, index) =>
        `<li><span style="border-color:${COLOURS[index % COLOURS.length]}${index >= COLOURS.length ? ';border-style:dashed' : ''}"></span>${escape(curve.group)} (${curve.starts.toLocaleString('en-GB')} starts)</li>`,
    )
    .join('')}</ul>`;

/** One HTML file with inline SVG and no scripts or outside resources: it opens anywhere, offline, and always renders the same bytes. */
export const survivalChartHtml = (result: ReplayedCurves): string => {
  const maxTime = Math.max(0, ...result.curves.flatMap((curve) => curve.kaplanMeier.map((step) => step.time)));
  const title = `Time from start to first in-work or job outcome, by ${result.by}`;
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}svg text{font-size:11px;fill:#333}figure{margin:16px 0}figcaption{font-weight:600}.legend{list-style:none;padding:0;columns:3}.legend span{display:inline-block;width:18px;border-top:3px solid;margin-right:6px;vertical-align:middle}</style></head>
<body><h1>${escape(title)}</h1>
<p>As known at ${escape(result.asOf)} (judged at ${escape(result.judgedAt)}, last event position ${result.lastPosition})${result.siteId ? `, site ${escape(result.siteId)}` : ''}: ${result.episodes.toLocaleString('en-GB')} episodes of ${result.participants.toLocaleString('en-GB')} participants. Episodes without a work outcome are censored at the as-of date; withdrew, moved away and disengaged are competing exits.</p>
${legend(result.curves)}
${panel('Kaplan-Meier: share still without a work outcome (competing exits censored)', 'without work outcome', result.curves.map(kmSeries), maxTime)}
${panel('Cumulative incidence of a work outcome (competing exits accounted for)', 'work outcome by day', result.curves.map(cifSeries), maxTime)}
${panel('Cumulative incidence of a competing exit (withdrew, moved away, disengaged)', 'competing exit by day', result.curves.map(competingSeries), maxTime)}
</body></html>
`;
};
