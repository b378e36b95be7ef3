import { html, nothing, render, svg, type TemplateResult } from 'lit-html';
import type { SurvivalCurve } from '@workwell/domain';
import {
  atRiskAt,
  groupSummary,
  lastFollowUp,
  plural,
  seriesStyle,
  type SurvivalChartData,
  timeTicks,
  valuesAt,
} from '../survival-chart.model';
import { incidencePlot, kaplanMeierPlot, type PlotSize } from './survival-chart.plots';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const dayOrNot = (day: number | null, absent: string): string => (day === null ? absent : `day ${day.toLocaleString('en-GB')}`);

const swatch = (index: number) => {
  const { colour, dash } = seriesStyle(index);
  return html`<svg class="ww-chart__swatch" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
    ${svg`<line x1="1" x2="27" y1="5" y2="5" stroke=${colour} stroke-width="2.5" stroke-dasharray=${dash === 'none' ? 'none' : dash}></line>`}
  </svg>`;
};

const medianText = (curve: SurvivalCurve): string => {
  const { median, lower, upper } = groupSummary(curve).median;
  const interval = `95% CI ${dayOrNot(lower, 'not reached')} to ${dayOrNot(upper, 'not reached')}`;
  return median === null ? `median not reached (${interval})` : `median ${dayOrNot(median, '')} (${interval})`;
};

const suppressedNote = (data: SurvivalChartData) =>
  data.suppressed.length === 0
    ? nothing
    : html`<div class="ww-chart__suppressed" role="note">
        <h3>Suppressed groups</h3>
        <p>
          ${plural(data.suppressed.length, 'group')} with fewer than ${plural(data.suppressBelow, 'start')}
          ${data.suppressed.length === 1 ? 'is' : 'are'} left out of the chart and the tables:
        </p>
        <ul>
          ${data.suppressed.map((group) => html`<li>${group}</li>`)}
        </ul>
      </div>`;

const atRiskTable = (curves: readonly SurvivalCurve[], ticks: readonly number[]) => html`
  <table class="ww-chart__table ww-chart__at-risk">
    <caption>
      Numbers at risk (still followed, without a work outcome) by day from start
    </caption>
    <thead>
      <tr>
        <th scope="col">Group</th>
        ${ticks.map((tick) => html`<th scope="col" class="ww-num">Day ${tick}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${curves.map(
        (curve, index) =>
          html`<tr>
            <th scope="row">${swatch(index)} ${curve.group}</th>
            ${ticks.map((tick) => {
              const atRisk = atRiskAt(curve, tick);
              return atRisk === null
                ? html`<td class="ww-num"><span aria-hidden="true">–</span><span class="ww-visually-hidden">not followed</span></td>`
                : html`<td class="ww-num">${atRisk.toLocaleString('en-GB')}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>
`;

const summaryTable = (curves: readonly SurvivalCurve[]) => html`
  <table class="ww-chart__table">
    <caption>
      Median days from start to a work outcome, by group
    </caption>
    <thead>
      <tr>
        <th scope="col">Group</th>
        <th scope="col" class="ww-num">Starts</th>
        <th scope="col" class="ww-num">Work outcomes</th>
        <th scope="col" class="ww-num">Competing exits</th>
        <th scope="col" class="ww-num">Censored</th>
        <th scope="col" class="ww-num">Followed to</th>
        <th scope="col">Median (95% confidence interval)</th>
      </tr>
    </thead>
    <tbody>
      ${curves.map((curve) => {
        const summary = groupSummary(curve);
        return html`<tr>
          <th scope="row">${curve.group}</th>
          <td class="ww-num">${summary.starts.toLocaleString('en-GB')}</td>
          <td class="ww-num">${summary.workOutcomes.toLocaleString('en-GB')}</td>
          <td class="ww-num">${summary.competingExits.toLocaleString('en-GB')}</td>
          <td class="ww-num">${summary.censored.toLocaleString('en-GB')}</td>
          <td class="ww-num">day ${summary.lastFollowUp.toLocaleString('en-GB')}</td>
          <td>${medianText(curve)}</td>
        </tr>`;
      })}
    </tbody>
  </table>
`;

const dataTable = (curves: readonly SurvivalCurve[], ticks: readonly number[]) => html`
  <details class="ww-chart__details">
    <summary>Data table: the curves' values every ${ticks[1] ?? 28} days</summary>
    <table class="ww-chart__table">
      <caption>
        Curve values by group and day (within each group's follow-up)
      </caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" class="ww-num">Day</th>
          <th scope="col" class="ww-num">Without a work outcome (95% CI)</th>
          <th scope="col" class="ww-num">Work outcome by then</th>
          <th scope="col" class="ww-num">Competing exit by then</th>
        </tr>
      </thead>
      <tbody>
        ${curves.flatMap((curve) =>
          ticks.flatMap((tick) => {
            const values = valuesAt(curve, tick);
            if (values === null) return [];
            return [
              html`<tr>
                <th scope="row">${curve.group}</th>
                <td class="ww-num">${tick}</td>
                <td class="ww-num">${percent(values.survival)} (${percent(values.band.lower)} to ${percent(values.band.upper)})</td>
                <td class="ww-num">${percent(values.workOutcome)}</td>
                <td class="ww-num">${percent(values.competingExit)}</td>
              </tr>`,
            ];
          }),
        )}
      </tbody>
    </table>
  </details>
`;

export interface ChartState {
  bands: boolean;
  width: number;
}

const sizeOf = (width: number, ratio: number): PlotSize => {
  const plotWidth = Math.max(320, Math.floor(width));
  return { width: plotWidth, height: Math.round(Math.min(440, Math.max(260, plotWidth * ratio))) };
};

/** The whole panel for chart data: an explicit empty state, or the plots and their tables. */
export const chartTemplate = (data: SurvivalChartData, state: ChartState, redraw: () => void): TemplateResult => {
  const basis = html`<p class="ww-chart__basis">
    As known at ${data.asOf} (last event position ${data.lastPosition}${data.siteId ? html`, site ${data.siteId}` : nothing}):
    ${plural(data.episodes, 'episode')} of ${plural(data.participants, 'participant')}, grouped by ${data.by}. Episodes without a work
    outcome are censored at the as-of date; withdrew, moved away and disengaged are competing exits.
  </p>`;
  const { curves } = data;
  if (curves.length === 0)
    return html`${basis}
      <div class="ww-chart__empty" role="status">
        <h2>No data to draw</h2>
        <p>
          ${
            data.suppressed.length === 0
              ? 'No one had started by this point, so there is no time to work to show.'
              : `Every group has fewer than ${plural(data.suppressBelow, 'start')}, so none is drawn.`
          }
        </p>
      </div>
      ${suppressedNote(data)}`;
  const maxTime = Math.max(1, ...curves.map(lastFollowUp));
  const ticks = timeTicks(maxTime);
  const toggle = (event: Event) => {
    state.bands = (event.target as HTMLInputElement).checked;
    redraw();
  };
  const small = sizeOf(state.width >= 900 ? state.width / 2 - 12 : state.width, 0.6);
  return html`${basis} ${suppressedNote(data)}
    <ul class="ww-chart__legend" aria-label="Groups">
      ${curves.map((curve, index) => html`<li>${swatch(index)} <strong>${curve.group}</strong> (${plural(curve.starts, 'start')}), ${medianText(curve)}</li>`)}
    </ul>
    <div class="ww-chart__controls">
      <input type="checkbox" id="ww-chart-bands" .checked=${state.bands} @change=${toggle} />
      <label for="ww-chart-bands">Show 95% confidence bands (Greenwood)</label>
    </div>
    <figure class="ww-chart__figure">
      <figcaption>
        <h2>Share still without a work outcome (Kaplan-Meier; competing exits censored)</h2>
      </figcaption>
      ${kaplanMeierPlot(curves, sizeOf(state.width, 0.45), state.bands)}
    </figure>
    ${atRiskTable(curves, ticks)} ${summaryTable(curves)}
    <div class="ww-chart__pair">
      <figure class="ww-chart__figure">
        <figcaption><h2>Cumulative incidence of a work outcome</h2></figcaption>
        ${incidencePlot(curves, 'eventIncidence', 'Work outcome by then (%)', small)}
      </figure>
      <figure class="ww-chart__figure">
        <figcaption><h2>Cumulative incidence of a competing exit</h2></figcaption>
        ${incidencePlot(curves, 'competingIncidence', 'Competing exit by then (%)', small)}
      </figure>
    </div>
    ${dataTable(curves, ticks)}`;
};

/** Draws the chart into `container` and redraws it when the container's width changes. */
export const renderSurvivalChart = (container: HTMLElement, data: SurvivalChartData): void => {
  // Bands of many groups overlap into a blur: they start shown for a few groups, and a checkbox shows them for any.
  const state: ChartState = { bands: data.curves.length <= 4, width: container.clientWidth || 960 };
  const redraw = () => render(chartTemplate(data, state, redraw), container);
  redraw();
  let pending = 0;
  const observer = new ResizeObserver(() => {
    if (!container.isConnected) return observer.disconnect();
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      if (Math.abs(container.clientWidth - state.width) < 8) return;
      state.width = container.clientWidth;
      redraw();
    });
  });
  observer.observe(container);
};
