// Code here also runs inside the page (page.evaluate), where the DOM is.
/// <reference lib="dom" />
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot, seriousViolations } from '../support/browser';
import { startEngine, type Engine } from '../support/engine-harness';
import { mainText, open, seededNames, seedSites, signIn, type SignedIn } from './web.support';

/** What every page must show: its words in the DOM, a screenshot with something in it, no serious axe finding, no CSP breach. */
const checkPage = async (session: SignedIn, name: string, expected: readonly (string | RegExp)[]) => {
  const text = await mainText(session.page);
  for (const words of expected) expect(text).toMatch(words);
  const shot = await screenshot(session.page, name);
  expect(shot.bytes).toBeGreaterThan(10_000);
  expect(await seriousViolations(session.page)).toEqual([]);
  expect(await session.cspViolations()).toEqual([]);
  expect(session.errors).toEqual([]);
  return text;
};

describeInBrowser('the web pages, in Chromium, against the real API', () => {
  let engine: Engine;
  let browser: Browser;
  let people: Awaited<ReturnType<typeof seededNames>>;

  beforeAll(async () => {
    [engine, browser] = await Promise.all([startEngine({ now: new Date('2026-06-01T09:00:00Z') }), launchChromium()]);
    await seedSites(engine, 160, 21, ['leeds', 'york']);
    people = await seededNames(engine);
    // A month on, with nothing recorded since: some follow-ups are now overdue.
    engine.now = new Date('2026-07-01T09:00:00Z');
  }, 15 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  it("shows a coach their site's caseload, overdue first, and a participant's summary and timeline; never another site's", async () => {
    const coach = await signIn(browser, engine, 'coach', 'leeds', 'coach-1');
    const { page } = coach;
    expect(await page.locator('nav[aria-label="Pages"] a').allInnerTexts()).toEqual(['Caseload']);
    const caseload = await checkPage(coach, 'coach-caseload', [
      'Caseload',
      /Open participants of site\s+leeds/,
      /Participants 1 to \d+ of \d+/,
    ]);
    const leeds = people.filter((person) => person.site === 'leeds');
    // Synthetic names repeat: only a name no leeds participant has tells a leak.
    const york = people.filter((person) => person.site === 'york' && !leeds.some((other) => other.name === person.name));
    expect(york.length).toBeGreaterThan(10);
    for (const person of york) expect(caseload).not.toContain(person.name);
    const shown = await page.locator('tbody th a').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const name of shown) expect(leeds.map((person) => person.name)).toContain(name);
    // Overdue first: no row without an overdue tag comes before one with it.
    const overdue = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.classList.contains('ww-row--overdue')));
    expect(overdue.indexOf(false) === -1 || overdue.lastIndexOf(true) < overdue.indexOf(false)).toBe(true);

    await page.locator('tbody th a').first().click();
    await page.waitForFunction(() => document.getElementById('main-content')?.dataset.drawn?.startsWith('#/participants/'));
    const participantId = decodeURIComponent(new URL(page.url()).hash.replace('#/participants/', ''));
    const person = leeds.find((candidate) => candidate.participantId === participantId)!;
    await checkPage(coach, 'coach-participant', [person.name, 'Journey', 'Follow-ups', 'Consents', 'Timeline', 'Participant referred']);
    const reads = await engine.db.pool.query(
      `SELECT what, purpose FROM personal_data_access_log WHERE participant_id = $1 AND user_id = 'coach-1'`,
      [participantId],
    );
    expect(reads.rows).toEqual(
      expect.arrayContaining([
        { what: 'journey summary', purpose: 'direct care' },
        { what: 'timeline', purpose: 'direct care' },
      ]),
    );

    await open(page, '#/caseload');
    await page.getByLabel('Overdue').selectOption('true');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForFunction(() => document.getElementById('main-content')?.dataset.drawn?.includes('overdue=true'));
    const tags = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('.ww-tag--red').length));
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.every((count) => count > 0)).toBe(true);
    expect(await mainText(page)).toMatch(/overdue/);
    await screenshot(page, 'coach-caseload-overdue');

    // Another site's participant, even by its address, is not found: the API answers 404 and the page says so.
    await open(page, `#/participants/${york[0].participantId}`);
    const refused = await mainText(page);
    expect(refused).toMatch(/no participant|not found/i);
    expect(refused).not.toContain(york[0].name);
    await open(page, '#/report');
    expect(await mainText(page)).toContain('This page is not available');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForFunction(() => document.getElementById('main-content')?.dataset.drawn === '#/sign-in');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await mainText(page)).toContain('You have signed out.');
    await coach.context.close();
  });

  it('shows a manager the report of their own site only, as tables and charts', async () => {
    const manager = await signIn(browser, engine, 'manager', 'york', 'manager-1');
    expect(await manager.page.locator('nav[aria-label="Pages"] a').allInnerTexts()).toEqual(['Caseload', 'Evaluation report']);
    await open(manager.page, '#/report?period=month');
    const text = await checkPage(manager, 'manager-report', [
      'Evaluation report',
      'york, by month',
      'Headline figures',
      'Referrals',
      'Conversion',
    ]);
    expect(text).not.toContain('All sites');
    expect(await manager.page.locator('figure svg.ww-plot').count()).toBeGreaterThanOrEqual(3);
    await manager.context.close();
  });

  it('shows an evaluator the report by period and site, an as-of replay and extracts, and never a name', async () => {
    const evaluator = await signIn(browser, engine, 'evaluator', undefined, 'evaluator-1');
    const { page } = evaluator;
    expect(await page.locator('nav[aria-label="Pages"] a').allInnerTexts()).toEqual(['Evaluation report', 'Time to work', 'Extracts']);
    const noName = async () => {
      const text = await page.locator('body').innerText();
      for (const person of people) expect(text).not.toContain(person.name);
    };
    await checkPage(evaluator, 'evaluator-report', ['All sites, by quarter', 'Headline figures', 'Referrals', 'Starts', 'Mixes']);
    await noName();
    await page.getByLabel('Site', { exact: true }).selectOption('leeds');
    expect(await mainText(page)).toContain('leeds, by quarter');

    await page.getByLabel('Month').check();
    await page.getByLabel('As known at').fill('2026-05-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForFunction(() => document.getElementById('main-content')?.dataset.drawn?.includes('asOf=2026-05-31'));
    await checkPage(evaluator, 'evaluator-replay', [/Replayed from the event store as known at 31 May 2026/, 'All sites, by month']);
    await noName();

    await open(page, '#/extracts');
    await page.getByLabel('Recipient').fill('DWP Evaluation Unit');
    await page.getByLabel('Data sharing agreement reference').fill('DSA-2026-014');
    await page.getByRole('button', { name: 'Make the extract' }).click();
    await page.waitForSelector('#extract-made');
    await checkPage(evaluator, 'evaluator-extract', ['Extract made and recorded', 'Manifest SHA-256', 'Download episodes.csv']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download episodes.csv' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('episodes.csv');
    const csv = await fs.promises.readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^pseudonym,/);
    for (const person of people) expect(csv).not.toContain(person.name);
    await noName();
    await open(page, '#/caseload');
    expect(await mainText(page)).toContain('This page is not available');
    await evaluator.context.close();
  });

  it("shows an auditor the findings and a participant's consent and sharing trace, printable", async () => {
    const auditor = await signIn(browser, engine, 'auditor', undefined, 'auditor-1');
    const { page } = auditor;
    expect(await page.locator('nav[aria-label="Pages"] a').allInnerTexts()).toEqual(['Participant trace', 'Findings']);
    await checkPage(auditor, 'auditor-findings', ['Findings for information governance', /finding|No findings/]);
    const someone = people.find((person) => person.site === 'leeds')!;
    await open(page, `#/trace?participant=${someone.participantId}`);
    await checkPage(auditor, 'auditor-trace', [someone.participantId, /Trace entries \(\d+\)/, 'Consent given']);
    expect(await mainText(page)).not.toContain(someone.name);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ww-header').evaluate((header) => getComputedStyle(header).display)).toBe('none');
    expect(
      await page
        .locator('form')
        .first()
        .evaluate((form) => getComputedStyle(form).display),
    ).toBe('none');
    expect((await screenshot(page, 'auditor-trace-print')).bytes).toBeGreaterThan(10_000);
    await auditor.context.close();
  });

  it('signs in by keyboard, refuses a token that is not one, and signs out when the API refuses the token', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${engine.baseUrl}/app/#/sign-in`);
    await page.waitForFunction(() => document.getElementById('main-content')?.dataset.drawn === '#/sign-in');
    // By keyboard alone: a page opens with the focus on its heading, then the token box, then the button, its focus visible (NHS yellow).
    expect(await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('H1 Sign in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    await page.keyboard.type('not-a-token');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => [document.activeElement?.textContent, getComputedStyle(document.activeElement!).backgroundColor]),
    ).toEqual(['Sign in', 'rgb(255, 235, 59)']);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.ww-error-summary');
    expect(await mainText(page)).toContain('That is not a bearer token');
    expect(await seriousViolations(page)).toEqual([]);
    const forged = `${(await engine.token('coach', 'leeds')).slice(0, -4)}AAAA`;
    await page.getByLabel('Bearer token').fill(forged);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('You have been signed out'));
    expect(await mainText(page)).toContain('The token is not valid for this service.');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });
});
