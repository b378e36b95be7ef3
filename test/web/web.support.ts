// Code here also runs inside the page (page.evaluate), where the DOM is.
/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importSyntheticJourneys } from '@workwell/interchange';
import type { Role } from '@workwell/auth';
import type { Engine } from '../support/engine-harness';
import { watchPage } from '../support/browser';

/** Synthetic journeys through the bulk importer: real sealed personal data, in seconds. */
export const seedSites = async (engine: Engine, participants: number, seed: number, sites: readonly string[]): Promise<void> => {
  await importSyntheticJourneys(engine.db.pool, engine.eventStore, {
    participants,
    seed,
    sites,
    now: engine.now,
    masterKeys: engine.secrets.masterKeys,
    threads: 1,
  });
  await engine.caughtUp();
};

/** Every name in the store's personal details, opened with the participants' keys. */
export const seededNames = async (engine: Engine): Promise<{ name: string; participantId: string; site: string }[]> => {
  const { rows } = await engine.db.pool.query<{ stream_id: string; data: { siteId?: string; personalDetails: never } }>(
    `SELECT stream_id, data FROM events WHERE type = 'ParticipantReferred'`,
  );
  return Promise.all(
    rows.map(async (row) => {
      const opened = await engine.keyStore.open(row.data.personalDetails);
      return {
        name: (JSON.parse(opened as string) as { name: string }).name,
        participantId: row.stream_id.replace(/^participant-/, ''),
        site: row.data.siteId ?? '',
      };
    }),
  );
};

export interface SignedIn {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  readonly cspViolations: () => Promise<string[]>;
}

/** A fresh browser context (its own sessionStorage) signed in through the sign-in page with a token of `role`. */
export const signIn = async (browser: Browser, engine: Engine, role: Role, site?: string, sub?: string): Promise<SignedIn> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watched = await watchPage(page);
  await page.goto(`${engine.baseUrl}/app/`);
  await page.getByLabel('Bearer token').fill(await engine.token(role, site, sub));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => /^#\/(?!sign-in)/.test(document.getElementById('main-content')?.dataset.drawn ?? ''));
  return { context, page, ...watched };
};

/** Goes to a route of the pages and waits until its data is drawn (the loading line is gone). */
export const open = async (page: Page, route: string): Promise<void> => {
  await page.evaluate((hash) => (location.hash = hash), route);
  await page.waitForFunction((hash) => document.getElementById('main-content')?.dataset.drawn === hash, route);
};

export const mainText = (page: Page): Promise<string> => page.locator('main').innerText();
