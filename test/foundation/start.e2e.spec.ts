import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@workwell/testing';
import { runCli, waitForOutput, waitForStatus } from '../support/processes';

jest.setTimeout(120_000);

describe('npm start (workwell start)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('brings up the engine on the embedded PostgreSQL, stops on Ctrl-C and finds its data again', async () => {
    const env = { WORKWELL_DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    const health = `http://127.0.0.1:${env.PORT}/health`;

    const first = runCli(['start'], env);
    const body = await (await waitForStatus(health, 200, 60_000, first)).json();
    expect(body).toMatchObject({
      status: 'ok',
      eventStore: { status: 'up', kind: 'postgres' },
      readModels: { status: 'up' },
      projector: { status: 'up' },
    });
    // The launcher prints how to get a token once the API listens, which may be just after it first answers.
    await waitForOutput(first, 'npx workwell token', 30_000);
    expect(first.output()).toContain('WorkWell engine running');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const second = runCli(['start'], env);
    await waitForStatus(health, 200, 60_000, second);
    expect(second.output()).toMatch(/"migrationsApplied":\[\]/);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('refuses a wrong PORT with one line saying which setting and why', async () => {
    const run = runCli(['start'], { PORT: 'abc', WORKWELL_DATA_DIR: dataDir });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe('workwell: Configuration error: PORT must be a whole number from 1 to 65535 (got "abc").');
  });
});
