import { financialQuarterOf, londonDateOf } from '@workwell/domain';
import { html, nothing } from 'lit-html';
import { lineChart, mixChart } from '../report/report-charts';
import { HEADLINE_PATHS, isTarget, keyOf, measureLabel, measurePaths, mixPaths, type ReportRow } from '../report/report-measures';
import { legendView, measureTable } from '../report/report-tables';
import { dateTimeText } from '../view/format';
import { formValues, type Page, routeOf } from './page';

/** The periods the API reports by, and the key of each in a replayed report. */
export const PERIODS = [
  { value: 'month', label: 'Month', replayed: 'month' },
  { value: 'quarter', label: 'Quarter', replayed: 'quarter' },
  { value: 'financial-quarter', label: 'Financial quarter', replayed: 'financialQuarter' },
] as const;

interface LiveReport {
  readonly asOf: string;
  readonly position: number;
  readonly period: string;
  readonly rows: readonly ReportRow[];
}
type Replayed = { readonly asOf: string; readonly lastPosition: number } & Readonly<Record<string, unknown>>;

const NATIONAL = '*';
const siteLabel = (site: string) => (site === NATIONAL ? 'All sites' : site);
const chartWidth = () => (document.getElementById('main-content')?.clientWidth ?? 1000) - 16;

/** An MI return download, when the API offers one (its path in /openapi.json names it). */
const miReturnPath = async (): Promise<string | undefined> => {
  const document = (await fetch('/openapi.json').then((r) => (r.ok ? r.json() : {}))) as { paths?: Record<string, unknown> };
  return Object.keys(document.paths ?? {}).find((path) => /^\/evaluation\/mi-return/.test(path));
};

const chartFigure = (title: string, chart: ReturnType<typeof lineChart>, table: unknown) =>
  chart === null
    ? nothing
    : html`<figure class="ww-figure">
        <figcaption><h3>${title}</h3></figcaption>
        ${legendView(chart.names)} ${chart.figure} ${table}
      </figure>`;

export const reportPage: Page = {
  name: 'report',
  title: 'Evaluation report',
  roles: ['manager', 'evaluator', 'admin'],
  inNavigation: true,
  load: async ({ api, params, claims, go, update }) => {
    const chosen = PERIODS.find((p) => p.value === params.get('period')) ?? PERIODS[1];
    const period = chosen.value;
    const asOf = claims.role === 'manager' ? '' : (params.get('asOf') ?? '');
    const [answer, miReturn] = await Promise.all([
      asOf ? api.get<Replayed>('/evaluation/replay', { asOf }) : api.get<LiveReport>('/evaluation/report', { period }),
      miReturnPath().catch(() => undefined),
    ]);
    const answered = (asOf ? (answer as Replayed)[chosen.replayed] : (answer as LiveReport).rows) as readonly ReportRow[];
    // A site's manager gets their site's rows and a national total of that one site: the same figures twice.
    const rows = claims.site ? answered.filter((row) => row.siteId === claims.site) : answered;
    const basis = asOf
      ? `Replayed from the event store as known at ${dateTimeText(answer.asOf)} (last event position ${(answer as Replayed).lastPosition}).`
      : `From the read models at ${dateTimeText(answer.asOf)} (event position ${(answer as LiveReport).position}).`;
    const sites = [...new Set(rows.map((row) => row.siteId))];
    const state = { site: sites.includes(NATIONAL) ? NATIONAL : (sites[0] ?? NATIONAL), mix: '' };
    const mixes = mixPaths(rows);
    const submit = (event: Event) => {
      event.preventDefault();
      go(routeOf('report', formValues(event.target as HTMLFormElement)));
    };
    const pick = (key: 'site' | 'mix') => (event: Event) => {
      state[key] = (event.target as HTMLSelectElement).value;
      update();
    };
    // The return of the latest financial quarter shown, or of the current one.
    const quarter = (period === 'financial-quarter' ? answered.at(-1)?.period : undefined) ?? financialQuarterOf(londonDateOf(answer.asOf));
    const download = () =>
      miReturn &&
      void api.download(miReturn, `mi-return-${quarter.replace(/[ /]/g, '-')}-summary.csv`, { quarter, asOf: asOf || undefined });
    return () => {
      const siteRows = rows.filter((row) => row.siteId === state.site);
      const paths = measurePaths(siteRows);
      const headline = [...HEADLINE_PATHS, ...paths.filter(isTarget)];
      const checkpoints = paths.filter((path) => path[0] === 'cohort' && path.at(-1) === 'inWorkOrJobByCheckpoint');
      const mix = mixes.find((path) => keyOf(path) === state.mix) ?? mixes[0];
      const width = chartWidth();
      const half = width >= 900 ? width / 2 - 16 : width;
      return html`<h1 tabindex="-1">Evaluation report</h1>
        <p class="ww-lede">${basis}</p>
        <form class="ww-form ww-filters" @submit=${submit}>
          <fieldset class="ww-fieldset">
            <legend>Period</legend>
            ${PERIODS.map(
              (p) =>
                html`<label class="ww-radio"
                  ><input type="radio" name="period" value=${p.value} ?checked=${p.value === period} /> ${p.label}</label
                >`,
            )}
          </fieldset>
          ${
            claims.role === 'manager'
              ? nothing
              : html`<div class="ww-form-group">
                  <label class="ww-label" for="asOf">As known at</label>
                  <input class="ww-input" id="asOf" name="asOf" .value=${asOf} placeholder="now" aria-describedby="asof-hint" />
                  <p class="ww-hint" id="asof-hint">A date (2026-03-31), an instant with its zone, or an event position; empty for now.</p>
                </div>`
          }
          <button class="ww-button" type="submit">Show</button>
        </form>
        ${
          sites.length > 1
            ? html`<div class="ww-form-group">
                <label class="ww-label" for="site">Site</label>
                <select class="ww-select" id="site" @change=${pick('site')}>
                  ${sites.map((site) => html`<option value=${site} ?selected=${site === state.site}>${siteLabel(site)}</option>`)}
                </select>
              </div>`
            : nothing
        }
        ${
          claims.role === 'manager'
            ? nothing
            : html`<p class="ww-actions">
                <a class="ww-button ww-button--secondary" href="#/extracts">Make a pseudonymised extract</a>
                ${miReturn ? html`<button class="ww-button ww-button--secondary" type="button" @click=${download}>Download the MI return</button>` : nothing}
              </p>`
        }
        ${
          siteRows.length === 0
            ? html`<div class="ww-inset" role="status">
                <h2>No data</h2>
                <p>Nothing was referred or started by this point.</p>
              </div>`
            : html`<h2>${siteLabel(state.site)}, by ${period}</h2>
                ${measureTable('Headline figures', siteRows, headline, 'headline-caption')}
                <div class="ww-columns">
                  ${chartFigure('Referrals and starts', lineChart(siteRows, [['referrals', 'total'], ['starts'], ...paths.filter(isTarget)], { rate: false, label: 'Referrals and starts by period', width: half }), nothing)}
                  ${chartFigure('Conversion, satisfaction and service standards', lineChart(siteRows, [['conversion'], ['satisfaction'], ['firstContactStandard'], ['signedPlanStandard']], { rate: true, label: 'Rates by period', width: half }), nothing)}
                </div>
                ${chartFigure(
                  'In work or a job by each checkpoint, per start cohort',
                  lineChart(siteRows, checkpoints, { rate: true, label: 'Cohort outcome rates by start period', width }),
                  measureTable(
                    'Cohort outcomes (of the cohort’s starts)',
                    siteRows,
                    paths.filter((path) => path[0] === 'cohort'),
                    'cohort-caption',
                  ),
                )}
                ${
                  mix
                    ? html`<h2>Mixes</h2>
                        <div class="ww-form-group">
                          <label class="ww-label" for="mix">Mix</label>
                          <select class="ww-select" id="mix" @change=${pick('mix')}>
                            ${mixes.map((path) => html`<option value=${keyOf(path)} ?selected=${path === mix}>${measureLabel(path)}</option>`)}
                          </select>
                        </div>
                        ${chartFigure(
                          measureLabel(mix),
                          mixChart(siteRows, mix, width),
                          measureTable(
                            `${measureLabel(mix)} (counts)`,
                            siteRows,
                            paths.filter((path) => path.length === mix.length + 1 && keyOf(path.slice(0, -1)) === keyOf(mix)),
                            'mix-caption',
                          ),
                        )}`
                    : nothing
                }
                <details class="ww-details">
                  <summary>All measures (${paths.length})</summary>
                  ${measureTable(`Every figure of the report for ${siteLabel(state.site)}`, siteRows, paths, 'all-caption')}
                </details>`
        }`;
    };
  },
};
