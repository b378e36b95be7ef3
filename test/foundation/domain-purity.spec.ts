import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/processes';

const check = (dir?: string) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'check-domain-purity.js'), ...(dir ? [dir] : [])], { encoding: 'utf8' });

describe('the domain purity check', () => {
  it('passes on libs/domain as it is', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each([
    ["import { Injectable } from '@nestjs/common';", '@nestjs/common'],
    ["import { Pool } from 'pg';", 'pg'],
    ["import fs from 'node:fs';", 'node:fs'],
    ['export const now = () => new Date();', 'new Date()'],
  ])('fails when a domain file says %s', (line, named) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-domain-'));
    fs.writeFileSync(path.join(dir, 'journey.rules.ts'), `${line}\n`);
    const result = check(dir);
    fs.rmSync(dir, { recursive: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(named);
  });
});
