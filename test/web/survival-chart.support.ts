// Code here also runs inside the page (page.evaluate), where the DOM is.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';

export interface ChartFacts {
  readonly legend: string[];
  readonly suppressed: string[];
  readonly atRisk: string[];
  readonly checkpoints: string[];
  /** Each drawn Kaplan-Meier curve: where its path ends, in days read back off the x axis. */
  readonly ends: { group: string; endDay: number; censorMarks: number }[];
  readonly empty: string | null;
}

/**
 * What the chart shows, read from the DOM as a reader would see it. A curve's end is measured on
 * the page: its path's right edge, turned back into days through the axis ticks' positions.
 */
export const chartFacts = (page: Page): Promise<ChartFacts> =>
  page.evaluate(() => {
    const chart = document.getElementById('survival-chart')!;
    const texts = (selector: string) => [...chart.querySelectorAll(selector)].map((element) => (element as HTMLElement).innerText.trim());
    const km = chart.querySelector('.ww-chart__figure svg');
    const ends: { group: string; endDay: number; censorMarks: number }[] = [];
    if (km) {
      const ticks = [...km.querySelectorAll('g[data-label="x-axis tick"] path')].map((tick) => {
        const box = tick.getBoundingClientRect();
        return box.left + box.width / 2;
      });
      const days = [...km.querySelectorAll('g[data-label="x-axis tick label"] text')].map((label) => Number(label.textContent));
      const [x0, x1, d0, d1] = [ticks[0], ticks.at(-1)!, days[0], days.at(-1)!];
      for (const line of km.querySelectorAll('g[data-description^="Kaplan-Meier, "]')) {
        const group = line.getAttribute('data-description')!.replace('Kaplan-Meier, ', '');
        const right = line.querySelector('path')!.getBoundingClientRect().right;
        const censored = [...km.querySelectorAll('g[data-description]')].find(
          (g) => g.getAttribute('data-description') === `Censored, ${group}`,
        );
        ends.push({ group, endDay: d0 + ((right - x0) / (x1 - x0)) * (d1 - d0), censorMarks: censored?.childElementCount ?? 0 });
      }
    }
    return {
      legend: texts('.ww-chart__legend li'),
      suppressed: texts('.ww-chart__suppressed li'),
      atRisk: texts('.ww-chart__at-risk tbody tr'),
      checkpoints: km ? [...km.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => / weeks$/.test(t)) : [],
      ends,
      empty: chart.querySelector('.ww-chart__empty') ? (chart.querySelector('.ww-chart__empty') as HTMLElement).innerText : null,
    };
  });
