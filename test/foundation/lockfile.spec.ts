import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** package.json and package-lock.json alone, in a directory of their own: npm works on copies, never on the tree. */
const copyOfManifests = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-lock-'));
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
  return dir;
};

const npm = (dir: string, args: string[]) =>
  run('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    timeout: 120_000,
    maxBuffer: 16 << 20,
  });

describe('package-lock.json, as a fresh clone finds it', () => {
  const original = fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  let dir: string;
  beforeEach(() => {
    dir = copyOfManifests();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is already complete and in npm order: `npm run lock:complete` changes nothing', async () => {
    await run(process.execPath, [path.join(root, 'scripts/complete-lockfile.js'), path.join(dir, 'package-lock.json')]);
    expect(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8') === original).toBe(true);
  });

  it('is left unchanged by `npm install` and accepted by `npm ci`', async () => {
    await npm(dir, ['install', '--package-lock-only']);
    expect(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8') === original).toBe(true);
    await expect(npm(dir, ['ci', '--dry-run'])).resolves.toBeDefined();
  }, 240_000);
});
