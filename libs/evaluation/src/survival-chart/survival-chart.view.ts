import { html, nothing, render, type TemplateResult } from 'lit-html';
import { lastFollowUp, plural, type SurvivalChartData, timeTicks } from '../survival-chart.model';
import { incidencePlot, kaplanMeierPlot, type PlotSize } from './survival-chart.plots';
import { atRiskTable, dataTable, medianText, summaryTable, suppressedNote, swatch } from './survival-chart.tables';

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
