// Code here also runs inside the page (page.evaluate), where the DOM is.
/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { SurvivalCurve } from '@workwell/domain';
import { describeInBrowser, launchChromium, screenshot, seriousViolations, watchPage } from '../support/browser';
import { startEngine, type Engine } from '../support/engine-harness';
import { chartFacts, type ChartFacts } from './survival-chart.support';
import { open, seedSites, signIn } from './web.support';
import { temporaryDirectories } from '@workwell/testing';

const curvesDir = temporaryDirectories('ww-curves-');

const lastDay = (curve: SurvivalCurve) => curve.kaplanMeier.at(-1)!.time;

describeInBrowser('survival curves in the page and in curves.html', () => {
  let engine: Engine;
  let browser: Browser;
  let curves: SurvivalCurve[];
  let token: string;
  const threshold = 5;
  const shown = () => curves.filter((curve) => curve.starts >= threshold);
  const suppressed = () => curves.filter((curve) => curve.starts < threshold);

  /** Every drawn curve ends where its own group's follow-up ends, to within a pixel's worth of days. */
  const expectTheCurves = (facts: ChartFacts) => {
    expect(facts.ends.map((end) => end.group)).toEqual(shown().map((curve) => curve.group));
    const dayPerPixel = Math.max(...curves.map(lastDay)) / 1000;
    for (const curve of shown()) {
      const end = facts.ends.find((candidate) => candidate.group === curve.group)!;
      expect({ group: curve.group, end: Math.abs(end.endDay - lastDay(curve)) <= 2 * dayPerPixel + 0.5 }).toEqual({
        group: curve.group,
        end: true,
      });
      if (curve.kaplanMeier.some((step) => step.censored > 0)) expect(end.censorMarks).toBeGreaterThan(0);
    }
    expect(facts.suppressed).toEqual(suppressed().map((curve) => curve.group));
    for (const curve of suppressed()) expect(facts.legend.join('\n')).not.toContain(curve.group);
    expect(facts.legend).toEqual(
      shown().map((curve) => expect.stringContaining(`${curve.group} (${curve.starts} ${curve.starts === 1 ? 'start' : 'starts'})`)),
    );
    expect(facts.atRisk.map((row) => row.split(/\s+/).slice(0, 2).join(' '))).toEqual(shown().map((c) => `${c.group} ${c.starts}`));
    expect(facts.checkpoints).toEqual(['12 weeks', '26 weeks', '52 weeks']);
  };

  beforeAll(async () => {
    [engine, browser] = await Promise.all([startEngine({ now: new Date('2026-06-01T09:00:00Z') }), launchChromium()]);
    await seedSites(engine, 140, 3, ['leeds']);
    token = await engine.token('evaluator');
    const answer = await fetch(`${engine.baseUrl}/evaluation/curves?by=cohort`, { headers: { authorization: `Bearer ${token}` } });
    curves = ((await answer.json()) as { curves: SurvivalCurve[] }).curves;
  }, 15 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  it('is a store of cohorts with very different follow-up, some too small to show', () => {
    const days = shown().map(lastDay);
    expect(shown().length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(180);
    expect(suppressed().length).toBeGreaterThan(0);
  });

  it('draws each cohort to its own last follow-up in the page, lists the suppressed, and says when there is no data', async () => {
    const evaluator = await signIn(browser, engine, 'evaluator');
    const { page } = evaluator;
    await open(page, `#/curves?by=cohort&suppressBelow=${threshold}`);
    const facts = await chartFacts(page);
    expectTheCurves(facts);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/median (day \d+|not reached) \(95% CI/);
    expect(text).toContain('Numbers at risk');
    expect((await screenshot(page, 'evaluator-curves')).bytes).toBeGreaterThan(20_000);
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForFunction(() => Number(document.querySelector('#survival-chart svg')?.getAttribute('width')) < 900);
    expectTheCurves(await chartFacts(page));

    await open(page, '#/curves?by=cohort&siteId=nowhere');
    expect((await chartFacts(page)).empty).toContain('No one had started by this point');
    expect(await page.locator('#survival-chart svg.ww-plot').count()).toBe(0);
    await screenshot(page, 'evaluator-curves-no-data');
    await open(page, '#/curves?by=cohort&suppressBelow=100000');
    const allSuppressed = await chartFacts(page);
    expect(allSuppressed.empty).toContain('Every group has fewer than 100,000 starts');
    expect(allSuppressed.suppressed).toEqual(curves.map((curve) => curve.group));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await evaluator.cspViolations()).toEqual([]);
    expect(evaluator.errors).toEqual([]);
    await evaluator.context.close();
  });

  it('draws the same in curves.html opened offline from a file, and served under its own policy', async () => {
    const answer = await fetch(`${engine.baseUrl}/evaluation/curves?by=cohort&format=html&suppressBelow=${threshold}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const file = path.join(curvesDir(), 'curves.html');
    fs.writeFileSync(file, await answer.text());
    const offline = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
    const requested: string[] = [];
    await offline.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : (requested.push(route.request().url()), route.abort()),
    );
    const page = await offline.newPage();
    const watched = await watchPage(page);
    await page.goto(`file://${file}`);
    await page.waitForSelector('#survival-chart .ww-chart__legend');
    const fromFile = await chartFacts(page);
    expectTheCurves(fromFile);
    expect(requested).toEqual([]);
    expect(watched.errors).toEqual([]);
    expect((await screenshot(page, 'curves-html-offline')).bytes).toBeGreaterThan(20_000);
    expect(await seriousViolations(page)).toEqual([]);
    await offline.close();

    const served = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    const servedPage = await served.newPage();
    const servedWatch = await watchPage(servedPage);
    await servedPage.goto(`${engine.baseUrl}/evaluation/curves?by=cohort&format=html&suppressBelow=${threshold}`);
    await servedPage.waitForSelector('#survival-chart .ww-chart__legend');
    const fromServer = await chartFacts(servedPage);
    expect(await servedWatch.cspViolations()).toEqual([]);
    expect(servedWatch.errors).toEqual([]);
    await served.close();

    // The same bundle draws the page, the file and the served file: the same legend, lists and tables.
    const evaluator = await signIn(browser, engine, 'evaluator');
    await open(evaluator.page, `#/curves?by=cohort&suppressBelow=${threshold}`);
    const fromPage = await chartFacts(evaluator.page);
    const comparable = ({ legend, suppressed, atRisk, checkpoints }: ChartFacts) => ({ legend, suppressed, atRisk, checkpoints });
    expect(comparable(fromFile)).toEqual(comparable(fromPage));
    expect(comparable(fromServer)).toEqual(comparable(fromPage));
    await evaluator.context.close();
  });
});
