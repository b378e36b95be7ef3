// Code here also runs inside the page (page.evaluate), where the DOM is.
/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './processes';

export const CHROMIUM = '/usr/bin/chromium';

/** What Chromium needs on these machines: no sandbox as root, and no calls home on a closed network. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run, decided when the test file is collected: Chromium is there,
 * or this machine can install it (root with apt-get); otherwise the reason they are skipped.
 */
const unavailableReason = (): string | undefined => {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (!fs.existsSync('/usr/bin/apt-get')) return `${CHROMIUM} is missing and there is no apt-get to install Debian's chromium`;
  if (process.getuid?.() !== 0) return `${CHROMIUM} is missing and only root can install it: run apt-get install -y chromium`;
  return undefined;
};

/** `describe`, or a skip with one line on stderr saying why, never a silent one. */
export const describeInBrowser = (name: string, body: () => void): void => {
  const reason = unavailableReason();
  if (reason === undefined) return describe(name, body);
  process.stderr.write(`\nbrowser tests skipped (${name}): ${reason}\n`);
  describe.skip(name, body);
};

const run = (command: string, args: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });

/**
 * Installs Debian's Chromium when it is missing (the project's own test set-up: no tool downloads
 * a browser), with apt's progress on stderr. One install at a time on the machine: a second test
 * file waits on the same lock, then finds it installed.
 */
export const ensureChromium = async (): Promise<void> => {
  if (fs.existsSync(CHROMIUM)) return;
  process.stderr.write(`\n${CHROMIUM} is missing: installing Debian's chromium with apt-get (progress below)\n`);
  const script = `test -x ${CHROMIUM} || { apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 chromium; }`;
  await run('flock', ['/tmp/workwell-chromium-install.lock', 'sh', '-c', script]);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
};

/** Headless Chromium; Playwright gives each launch a fresh, empty user-data directory of its own. */
export const launchChromium = async (): Promise<Browser> => {
  await ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
};

export const SCREENSHOTS = path.join(repoRoot, '.tmp', 'web-screens');

/** A full-page screenshot under .tmp/web-screens, returned with its size in bytes. */
export const screenshot = async (page: Page, name: string): Promise<{ file: string; bytes: number }> => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return { file, bytes: fs.statSync(file).size };
};

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * axe-core's WCAG 2.x A and AA rules on the page as it stands. It is evaluated through the
 * debugging protocol, which the page's Content-Security-Policy does not govern, so the policy
 * under test stays as strict as it is served.
 */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return (result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  });
};

export const seriousViolations = async (page: Page): Promise<AxeViolation[]> =>
  (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

/** Records Content-Security-Policy violations and console errors from the first script on. */
export const watchPage = async (page: Page): Promise<{ errors: string[]; cspViolations: () => Promise<string[]> }> => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return { errors, cspViolations: () => page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations) };
};
