import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@workwell/testing';
import { runCli } from '../support/processes';

jest.setTimeout(120_000);

describe('workwell import --synthetic and workwell rebuild', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-import-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fills the store through the bulk importer, then rebuilds every read model from it', async () => {
    const env = { WORKWELL_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const imported = runCli(['import', '--synthetic', '300', '--sites', '3'], env);
    expect(await imported.exited).toBe(0);
    const result = JSON.parse(
      imported
        .output()
        .split('\n')
        .find((line) => line.startsWith('{'))!,
    );
    expect(result).toMatchObject({ participants: 300 });
    expect(result.events).toBeGreaterThan(3_000);

    const rebuilt = runCli(['rebuild'], env);
    expect(await rebuilt.exited).toBe(0);
    const summary = JSON.parse(
      rebuilt
        .output()
        .split('\n')
        .find((line) => line.startsWith('{'))!,
    );
    expect(summary).toMatchObject({ projections: ['caseload', 'consent-sharing', 'outcomes', 'key-shredder'], events: result.events });
    expect(rebuilt.output()).toMatch(
      /rebuilding caseload, consent-sharing, outcomes, key-shredder: (\[[#.]{20}\] +\d+% of ~)?[\d,]+ events, [\d,]+ events\/s/,
    );
  });

  it('refuses bad options with one line', async () => {
    const run = runCli(['rebuild', 'nonsense'], { WORKWELL_DATA_DIR: dataDir });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe(
      'workwell: unknown projection nonsense; choose from caseload, consent-sharing, outcomes, key-shredder',
    );
    const bad = runCli(['import', '--synthetic', 'lots'], { WORKWELL_DATA_DIR: dataDir });
    expect(await bad.exited).toBe(2);
    expect(bad.output().trim()).toBe('workwell: --synthetic must be a whole number above 0 (got "lots")');
  });
});
