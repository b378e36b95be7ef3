import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, loadSecrets } from '@workwell/config';
import { verifyToken } from '@workwell/auth';
import { runCli } from '../support/processes';

describe('workwell token', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-token-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('mints a development token the API accepts, for the local secrets', async () => {
    const run = runCli(['token', '--role', 'coach', '--site', 'leeds', '--sub', 'coach-9'], { WORKWELL_DATA_DIR: dataDir });
    expect(await run.exited).toBe(0);
    const secrets = loadSecrets(loadConfig({ WORKWELL_DATA_DIR: dataDir }), {});
    expect((await verifyToken(run.output().trim(), secrets)).principal).toEqual({
      userId: 'coach-9',
      role: 'coach',
      site: 'leeds',
      organisation: 'local-dev',
    });
  });

  it.each([
    [['--role', 'janitor', '--sub', 'x'], 'workwell: --role must be one of coach, manager, evaluator, auditor, admin (got "janitor")'],
    [['--role', 'coach', '--sub', 'x'], 'workwell: a coach token needs --site'],
    [['--role', 'auditor'], 'workwell: --sub is required'],
    [['--colour', 'red'], "workwell: Unknown option '--colour'. See: workwell token --help"],
  ])('refuses %j with one line', async (args, line) => {
    const run = runCli(['token', ...args], { WORKWELL_DATA_DIR: dataDir });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe(line);
  });

  it('has --help', async () => {
    const run = runCli(['token', '--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('usage: workwell token --role <role> --sub <user>');
  });
});
