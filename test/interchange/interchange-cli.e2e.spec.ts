import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INTERCHANGE_NAMESPACE, uuidV5 } from '@workwell/interchange';
import { freePort } from '@workwell/testing';
import { runCli } from '../support/processes';
import { EXAMPLE, exampleFile, writeFile } from './interchange-files';

jest.setTimeout(240_000);

const lastJson = (output: string): Record<string, unknown> => {
  const start = output.lastIndexOf('\n{') + 1;
  return JSON.parse(output.slice(start));
};

describe('workwell import, export, subject-access and retention on the command line', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-interchange-cli-'));
  let env: Record<string, string>;
  const cli = async (args: string[], extra: Record<string, string> = {}) => {
    const run = runCli(args, { ...env, ...extra });
    return { code: await run.exited, output: run.output() };
  };

  beforeAll(async () => {
    fs.chmodSync(root, 0o755);
    env = { WORKWELL_DATA_DIR: path.join(root, 'data'), EMBEDDED_PG_PORT: String(await freePort()) };
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('imports the example file once, however often it runs, with a progress bar and one line of counts', async () => {
    const file = path.join(root, 'leeds.jsonl');
    fs.copyFileSync(EXAMPLE, file);
    const first = await cli(['import', file]);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/imported \[[#.]{20}\] +\d+% of/);
    expect(lastJson(first.output)).toMatchObject({
      participants: { imported: 2, alreadyImported: 0, rejected: 0 },
      rows: { imported: 15, rejected: 0 },
    });
    const again = await cli(['import', file]);
    expect(lastJson(again.output)).toMatchObject({ participants: { imported: 0, alreadyImported: 2, rejected: 0 }, events: 0 });
  });

  it('reports broken rows on a dry run, exits 1, and explains a wrong file in one line', async () => {
    const { header, rows } = exampleFile();
    const broken = writeFile(path.join(root, 'broken.jsonl'), header, [
      ...rows.map((row) => ({ ...row, participantRef: `X-${row.participantRef}` })),
      { ...rows[0], row: 99, participantRef: 'X-3', type: 'ReferSomebody' },
    ]);
    const dry = await cli(['import', broken, '--dry-run', '--rejections', path.join(root, 'broken.csv')]);
    expect(dry.code).toBe(1);
    expect(lastJson(dry.output)).toMatchObject({ dryRun: true, participants: { imported: 2, rejected: 1 } });
    expect(fs.readFileSync(path.join(root, 'broken.csv'), 'utf8')).toContain('99,X-3,UNKNOWN_COMMAND,');
    fs.writeFileSync(path.join(root, 'old.jsonl'), '{"format":"workwell-interchange/0"}\n');
    const old = await cli(['import', path.join(root, 'old.jsonl')]);
    expect(old.code).toBe(2);
    expect(old.output).toContain('this engine reads workwell-interchange/1');
  });

  it('exports the site, answers a subject access request, and erases those whose retention ended', async () => {
    const out = path.join(root, 'export', 'leeds-out.jsonl');
    fs.mkdirSync(path.dirname(out));
    const exported = await cli(['export', '--site', 'leeds', '--out', out, '--exported-by', 'dpo-1']);
    expect(exported.code).toBe(0);
    expect(lastJson(exported.output)).toMatchObject({ participants: 2, rows: 15, siteId: 'leeds' });
    // Progress while it looks through the store for the site's participants.
    expect(exported.output).toMatch(/finding leeds's participants: .* events read/);
    expect(fs.readFileSync(out, 'utf8')).toContain('"name":"Alex Example"');

    const alex = uuidV5('elemental\nELM-000101', INTERCHANGE_NAMESPACE);
    const early = await cli(['subject-access', alex, '--requested-by', 'dpo-1']);
    expect(early).toMatchObject({ code: 2, output: expect.stringContaining('run `workwell rebuild` first') });
    expect((await cli(['rebuild'])).code).toBe(0);
    const page = path.join(root, 'alex.html');
    const access = await cli(['subject-access', alex, '--requested-by', 'dpo-1', '--format', 'html', '--out', page]);
    expect(access.code).toBe(0);
    expect(fs.readFileSync(page, 'utf8')).toContain('Alex Example');
    expect(fs.readFileSync(page, 'utf8')).not.toContain('Sam Sample');

    const listed = await cli(['retention'], { WORKWELL_RETENTION: 'leeds=1,*=6' });
    expect(lastJson(listed.output)).toMatchObject({ due: 2, rule: { leeds: 1, '*': 6 } });
    const applied = await cli(['retention', '--apply', '--requested-by', 'dpo-1'], { WORKWELL_RETENTION: 'leeds=1' });
    expect(lastJson(applied.output)).toMatchObject({ due: 2, erased: 2, alreadyErased: 0 });
    const after = await cli(['subject-access', alex, '--requested-by', 'dpo-1']);
    expect(JSON.parse(after.output)).toMatchObject({ erasure: { reason: 'retention-period-ended' } });
    expect(after.output).not.toContain('Alex Example');
    const wrong = await cli(['retention'], { WORKWELL_RETENTION: 'leeds=six' });
    expect(wrong.code).toBe(2);
  });
});
