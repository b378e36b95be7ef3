import * as Plot from '@observablehq/plot';
import { survivalChartData, type SurvivalChartData } from '../survival-chart.model';
import { fitForPage } from './survival-chart.plots';
import { renderSurvivalChart } from './survival-chart.view';

/**
 * The one bundle of the chart: the web pages load it as survival-chart.js, and curves.html
 * carries it inline with its data, so both draw the same way. Plot (and the way we fit its figures
 * to the pages) is handed on for the other charts of the pages, which then need no second copy.
 */
const chart = { prepare: survivalChartData, render: renderSurvivalChart, Plot, fitForPage };
export type WorkwellSurvivalChart = typeof chart;

(globalThis as { WorkwellSurvivalChart?: WorkwellSurvivalChart }).WorkwellSurvivalChart = chart;

const embedded = document.getElementById('survival-chart-data');
const target = document.getElementById('survival-chart');
if (embedded && target) renderSurvivalChart(target, JSON.parse(embedded.textContent ?? '{}') as SurvivalChartData);
