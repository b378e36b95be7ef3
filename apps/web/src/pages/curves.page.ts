import { html } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import type { WorkwellSurvivalChart } from '@workwell/survival-chart';
import { formValues, type Page, routeOf } from './page';

const GROUPINGS = ['all', 'cohort', 'site', 'source', 'barrier'] as const;
const GROUPING_LABELS: Readonly<Record<(typeof GROUPINGS)[number], string>> = {
  all: 'Everyone',
  cohort: 'Start cohort (month of start)',
  site: 'Site',
  source: 'Referral source',
  barrier: 'Primary health barrier',
};

const chartLibrary = (): WorkwellSurvivalChart => {
  const chart = (globalThis as { WorkwellSurvivalChart?: WorkwellSurvivalChart }).WorkwellSurvivalChart;
  if (!chart) throw new Error('The chart script (survival-chart.js) did not load.');
  return chart;
};

export const curvesPage: Page = {
  name: 'curves',
  title: 'Time to work',
  roles: ['evaluator', 'admin'],
  inNavigation: true,
  load: async ({ api, params, go }) => {
    const by = GROUPINGS.find((g) => g === params.get('by')) ?? 'cohort';
    const asOf = params.get('asOf') ?? '';
    const siteId = params.get('siteId') ?? '';
    const threshold = params.get('suppressBelow') ?? '5';
    const suppressBelow = /^\d{1,6}$/.test(threshold) ? Number(threshold) : 5;
    const chart = chartLibrary();
    const result = await api.get<Parameters<WorkwellSurvivalChart['prepare']>[0]>('/evaluation/curves', {
      by,
      asOf: asOf || undefined,
      siteId: siteId || undefined,
    });
    const data = chart.prepare(result, suppressBelow);
    const query = { by, asOf: asOf || undefined, siteId: siteId || undefined };
    const submit = (event: Event) => {
      event.preventDefault();
      go(routeOf('curves', formValues(event.target as HTMLFormElement)));
    };
    const file = (format: 'html' | 'csv') => () =>
      void api.download('/evaluation/curves', `curves.${format}`, {
        ...query,
        format,
        suppressBelow: format === 'html' ? suppressBelow : undefined,
      });
    let drawnInto: Element | undefined;
    const draw = (element: Element | undefined) => {
      if (element === undefined || element === drawnInto) return;
      drawnInto = element;
      chart.render(element as HTMLElement, data);
    };
    return () =>
      html`<h1 tabindex="-1">Time to work</h1>
        <p class="ww-lede">
          Days from start (the first agreed action plan) to the first in-work or job outcome, as Kaplan-Meier curves with 95% Greenwood
          confidence bands, and the cumulative incidence of a work outcome against the competing exits.
        </p>
        <form class="ww-form ww-filters" @submit=${submit}>
          <div class="ww-form-group">
            <label class="ww-label" for="by">Group by</label>
            <select class="ww-select" id="by" name="by">
              ${GROUPINGS.map((g) => html`<option value=${g} ?selected=${g === by}>${GROUPING_LABELS[g]}</option>`)}
            </select>
          </div>
          <div class="ww-form-group">
            <label class="ww-label" for="asOf">As known at</label>
            <input class="ww-input" id="asOf" name="asOf" .value=${asOf} placeholder="now" aria-describedby="curves-asof-hint" />
            <p class="ww-hint" id="curves-asof-hint">A date, an instant with its zone, or an event position.</p>
          </div>
          <div class="ww-form-group">
            <label class="ww-label" for="siteId">Site</label>
            <input class="ww-input" id="siteId" name="siteId" .value=${siteId} placeholder="All sites" />
          </div>
          <div class="ww-form-group">
            <label class="ww-label" for="suppressBelow">Suppress groups with fewer starts than</label>
            <input
              class="ww-input ww-input--narrow"
              id="suppressBelow"
              name="suppressBelow"
              type="number"
              min="0"
              step="1"
              .value=${String(suppressBelow)}
            />
          </div>
          <button class="ww-button" type="submit">Show</button>
        </form>
        <p class="ww-actions">
          <button class="ww-button ww-button--secondary" type="button" @click=${file('html')}>Download curves.html</button>
          <button class="ww-button ww-button--secondary" type="button" @click=${file('csv')}>Download curves.csv</button>
        </p>
        <div class="ww-chart" id="survival-chart" ${ref(draw)}></div>`;
  },
};
