import { html, nothing } from 'lit-html';
import { numberText, percentText } from '../view/format';
import { type Cell, cellsOf, keyOf, measureLabel, type MeasurePath, type ReportRow } from './report-measures';

export const cellView = (cell: Cell | undefined) => {
  if (cell === undefined) return html`<td class="ww-num">–</td>`;
  if (cell.kind === 'count') return html`<td class="ww-num">${numberText(cell.value)}</td>`;
  return html`<td class="ww-num">
    ${percentText(cell.rate)}<span class="ww-cell-note">${numberText(cell.count)} of ${numberText(cell.of)}</span>
  </td>`;
};

/** Measures down, periods across: scrolls sideways, by keyboard too, when the periods are many. */
export const measureTable = (caption: string, rows: readonly ReportRow[], paths: readonly MeasurePath[], id: string) => {
  const cells = rows.map(cellsOf);
  const shown = paths.filter((path) => cells.some((row) => row.has(keyOf(path))));
  if (shown.length === 0) return nothing;
  return html`<div class="ww-table-scroll" role="region" aria-labelledby=${id} tabindex="0">
    <table class="ww-table ww-table--figures">
      <caption id=${id}>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          ${rows.map((row) => html`<th scope="col" class="ww-num">${row.period}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (path) =>
            html`<tr>
              <th scope="row">${measureLabel(path)}</th>
              ${cells.map((row) => cellView(row.get(keyOf(path))))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
};

export const legendView = (names: readonly { name: string; colour: string; dashed: boolean }[]) =>
  html`<ul class="ww-legend">
    ${names.map(
      (entry) =>
        html`<li>
          <svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">
            <rect x="1" y="1" width="20" height="10" fill=${entry.colour} stroke="#212b32" stroke-width="0.5"></rect>
          </svg>
          ${entry.name}
        </li>`,
    )}
  </ul>`;
