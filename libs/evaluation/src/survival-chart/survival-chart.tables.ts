import { html, nothing, svg } from 'lit-html';
import type { SurvivalCurve } from '@workwell/domain';
import { atRiskAt, groupSummary, plural, seriesStyle, type SurvivalChartData, valuesAt } from '../survival-chart.model';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const dayOrNot = (day: number | null, absent: string): string => (day === null ? absent : `day ${day.toLocaleString('en-GB')}`);

export const swatch = (index: number) => {
  const { colour, dash } = seriesStyle(index);
  return html`<svg class="ww-chart__swatch" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
    ${svg`<line x1="1" x2="27" y1="5" y2="5" stroke=${colour} stroke-width="2.5" stroke-dasharray=${dash === 'none' ? 'none' : dash}></line>`}
  </svg>`;
};

export const medianText = (curve: SurvivalCurve): string => {
  const { median, lower, upper } = groupSummary(curve).median;
  const interval = `95% CI ${dayOrNot(lower, 'not reached')} to ${dayOrNot(upper, 'not reached')}`;
  return median === null ? `median not reached (${interval})` : `median ${dayOrNot(median, '')} (${interval})`;
};

export const suppressedNote = (data: SurvivalChartData) =>
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

export const atRiskTable = (curves: readonly SurvivalCurve[], ticks: readonly number[]) => html`
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

export const summaryTable = (curves: readonly SurvivalCurve[]) => html`
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

export const dataTable = (curves: readonly SurvivalCurve[], ticks: readonly number[]) => html`
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
