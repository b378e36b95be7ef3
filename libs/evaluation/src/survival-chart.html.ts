import { chartBundle } from './survival-chart.bundle';
import { DEFAULT_SUPPRESS_BELOW, survivalChartData } from './survival-chart.model';
import type { ReplayedCurves } from './survival-curves.replay';

export { cspSource, webAssetsDirectory } from './survival-chart.bundle';
export { DEFAULT_SUPPRESS_BELOW } from './survival-chart.model';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON inside <script type="application/json">: no `<` at all, so nothing in the data can close the element. */
const embeddedJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export interface SurvivalChartHtmlOptions {
  /** Groups with fewer starts are named as suppressed and their figures left out of the file. */
  readonly suppressBelow?: number;
}

/**
 * One HTML file that opens anywhere, offline: the chart bundle the web pages use, inlined with
 * its styles and the (suppressed) curve data, so that the file and the page draw the same way.
 */
export const survivalChartHtml = (result: ReplayedCurves, options: SurvivalChartHtmlOptions = {}): string => {
  const { script, style } = chartBundle();
  const data = survivalChartData(result, options.suppressBelow ?? DEFAULT_SUPPRESS_BELOW);
  const title = `Time from start to first in-work or job outcome, by ${result.by}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${style.text}</style>
</head>
<body class="ww-standalone">
<main class="ww-chart">
<h1>${escape(title)}</h1>
<noscript><p>This chart is drawn by the script in this file; the same figures are in curves.csv.</p></noscript>
<div id="survival-chart"></div>
</main>
<script type="application/json" id="survival-chart-data">${embeddedJson(data)}</script>
<script>${script.text}</script>
</body>
</html>
`;
};

/**
 * The Content-Security-Policy for that file when it is served: its own inline script and styles,
 * by hash, and nothing else (the API's policy for other answers forbids inline scripts).
 */
export const survivalChartCsp = (): string => {
  const { script, style } = chartBundle();
  return [
    "default-src 'none'",
    `script-src ${script.source}`,
    `style-src ${style.source}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
};
