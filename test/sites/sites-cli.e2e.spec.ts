import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { runCli } from '../support/processes';

jest.setTimeout(60_000);

const york = {
  siteId: 'york',
  name: 'York',
  vanguard: 'north-yorkshire',
  validFrom: '2025-04-01',
  localities: [{ id: 'york-city', name: 'York City' }],
  deliveryOrganisations: [{ id: 'org-york', name: 'York Health', localityId: 'york-city' }],
  followUpSchedule: { checkpoints: [{ checkpoint: '6-months', after: { months: 6 } }] },
  cohorts: [],
  quarterlyStartTargets: { 'Q1 25/26': 40 },
};

describe('workwell sites', () => {
  let db: TestDatabase;
  let dir: string;
  const file = (name: string, body: unknown): string => {
    const written = path.join(dir, name);
    fs.writeFileSync(written, typeof body === 'string' ? body : JSON.stringify(body));
    return written;
  };
  const finished = async (args: string[]) => {
    const run = runCli(['sites', ...args], { DATABASE_URL: db.url });
    return { code: await run.exited, output: run.output() };
  };

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-sites-cli-'));
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad configuration file, naming each wrong field, and records nothing', async () => {
    const bad = file('bad.json', {
      ...york,
      vanguard: 'north yorkshire',
      followUpSchedule: { checkpoints: [{ checkpoint: '9-weeks', after: { weeks: 9 } }] },
    });
    const { code, output } = await finished(['configure', bad, '--recorded-by', 'admin-1']);
    expect(code).toBe(1);
    expect(output).toContain('2 fields are invalid');
    expect(output).toMatch(/^ {2}vanguard: must be an id/m);
    expect(output).toMatch(/^ {2}followUpSchedule\.checkpoints\.0\.checkpoint: /m);
    expect((await finished(['configure', file('broken.json', '{"siteId":'), '--recorded-by', 'admin-1'])).code).toBe(2);
    expect((await finished(['configure', path.join(dir, 'missing.json'), '--recorded-by', 'admin-1'])).output).toContain('ENOENT');
    expect((await db.pool.query('SELECT count(*) FROM events')).rows[0].count).toBe('0');
  });

  it('records a configuration, with --valid-from, and lists and shows it', async () => {
    const recorded = await finished([
      'configure',
      file('york.json', york),
      '--recorded-by',
      'admin-1',
      '--valid-from',
      '2025-01-01',
      '--if-match',
      '0',
    ]);
    expect(recorded).toEqual({
      code: 0,
      output: expect.stringMatching(/^\{"siteId":"york","version":1,"position":\d+,"validFrom":"2025-01-01"/),
    });
    const stale = await finished(['configure', file('york.json', york), '--recorded-by', 'admin-1', '--if-match', '0']);
    expect(stale).toEqual({ code: 2, output: expect.stringContaining('at version 1, not 0') });

    const list = await finished(['list']);
    expect(list.code).toBe(0);
    expect(list.output).toContain('site configurations at version 1');
    expect(list.output).toMatch(/^york\tYork\tvanguard north-yorkshire\tvalid from 2025-01-01\tfollow-ups 6-months$/m);
    const shown = await finished(['show', 'york', '--format', 'json']);
    expect(JSON.parse(shown.output)).toMatchObject({
      siteId: 'york',
      version: 1,
      history: [{ version: 1, recordedBy: { userId: 'admin-1', role: 'admin' } }],
    });
    expect(await finished(['show', 'leeds'])).toEqual({
      code: 2,
      output: expect.stringContaining('no configuration has been recorded for the site leeds'),
    });
  });
});
