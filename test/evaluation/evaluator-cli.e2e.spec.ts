import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@workwell/testing';
import { runCli } from '../support/processes';

jest.setTimeout(180_000);

const lastJson = (output: string): Record<string, unknown> =>
  JSON.parse(
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .at(-1)!,
  );

describe('workwell replay, extract, curves and audit extracts', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-evaluator-'));
  let env: Record<string, string>;
  const cli = async (args: string[]): Promise<{ code: number | null; output: string }> => {
    const run = runCli(args, env);
    const code = await run.exited;
    return { code, output: run.output() };
  };

  beforeAll(async () => {
    // The embedded server may run as another user, who must be able to reach its data directory.
    fs.chmodSync(root, 0o755);
    env = { WORKWELL_DATA_DIR: path.join(root, 'data'), EMBEDDED_PG_PORT: String(await freePort()) };
    const imported = await cli(['import', '--synthetic', '250', '--sites', '3']);
    expect({ code: imported.code, output: imported.output.slice(-2000) }).toMatchObject({ code: 0 });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('replays the report as known at a date, naming the position it includes', async () => {
    const replay = await cli(['replay', '--as-of', 'now', '--out', path.join(root, 'report.json')]);
    expect(replay.code).toBe(0);
    const summary = lastJson(replay.output);
    expect(summary).toMatchObject({ asOfBasis: 'recorded-time', participants: 250, siteId: null });
    const report = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8'));
    expect(report.lastPosition).toBe(summary.lastPosition);
    const national = report.quarter.filter((row: { siteId: string }) => row.siteId === '*');
    expect(national.reduce((sum: number, row: { referrals: { total: number } }) => sum + row.referrals.total, 0)).toBe(report.episodes);
    expect(replay.output).toMatch(/replayed (\[[#.]{20}\] +\d+% of ~)?[\d,]+ events, [\d,]+ participants, [\d,]+ events\/s/);

    const byPosition = await cli(['replay', '--as-of', String(summary.lastPosition)]);
    expect(byPosition.code).toBe(0);
    const again = JSON.parse(byPosition.output.slice(byPosition.output.indexOf('{')));
    expect(again.quarter.map((row: { referrals: unknown }) => row.referrals)).toEqual(
      report.quarter.map((row: { referrals: unknown }) => row.referrals),
    );
  });

  it('writes byte-identical extracts, each recorded as a data sharing an auditor can list', async () => {
    const asOf = new Date(Date.now() - 86_400_000 * 30).toISOString().slice(0, 10);
    const outs = [path.join(root, 'extract-1'), path.join(root, 'extract-2')];
    const results = [];
    for (const [index, out] of outs.entries()) {
      // The second on three threads, as the built CLI runs them: the bytes must not change.
      const threads = index === 0 ? ['--threads', '1'] : ['--threads', '3'];
      const run = await cli([
        'extract',
        '--as-of',
        asOf,
        '--out',
        out,
        '--recipient',
        'DWP Evaluation Unit',
        '--agreement',
        `DSA-2026-01${index}`,
        '--shared-by',
        'eval-lead',
        ...threads,
      ]);
      expect(run.code).toBe(0);
      results.push(lastJson(run.output));
    }
    for (const name of ['episodes.csv', 'manifest.json'])
      expect(fs.readFileSync(path.join(outs[1], name))).toEqual(fs.readFileSync(path.join(outs[0], name)));
    const manifestSha = createHash('sha256')
      .update(fs.readFileSync(path.join(outs[0], 'manifest.json')))
      .digest('hex');
    expect(results[0].manifestSha256).toBe(manifestSha);

    const audit = await cli(['audit', 'extracts', '--format', 'json']);
    expect(audit.code).toBe(0);
    const { extracts } = JSON.parse(audit.output.slice(audit.output.indexOf('{')));
    expect(extracts).toHaveLength(2);
    expect(extracts.map((e: { agreementReference: string }) => e.agreementReference)).toEqual(['DSA-2026-010', 'DSA-2026-011']);
    expect(extracts[0]).toMatchObject({
      recipient: 'DWP Evaluation Unit',
      manifestSha256: manifestSha,
      rows: results[0].rows,
      purpose: 'evaluation',
      sharedBy: { userId: 'eval-lead' },
    });
    const markdown = await cli(['audit', 'extracts']);
    expect(markdown.output).toContain(`| DWP Evaluation Unit | DSA-2026-010 | eval-lead |`);
  });

  it('draws survival curves as CSV and a self-contained chart', async () => {
    const out = path.join(root, 'curves');
    const run = await cli(['curves', '--by', 'site', '--out', out, '--suppress-below', '1']);
    expect(run.code).toBe(0);
    expect(lastJson(run.output)).toMatchObject({ by: 'site', files: ['curves.csv', 'curves.html'] });
    const csv = fs.readFileSync(path.join(out, 'curves.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'group,time_days,at_risk,work_outcomes,competing_exits,censored,km_without_work_outcome,km_standard_error,cif_work_outcome,cif_competing_exit',
    );
    expect(new Set(csv.slice(1, -1).map((line) => line.split(',')[0]))).toEqual(new Set(['site-01', 'site-02', 'site-03']));
    const html = fs.readFileSync(path.join(out, 'curves.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // Self-contained: the chart's script, styles and data inline, nothing fetched (test/web draws it in a browser).
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\s|<img\s|@import/);
    const data = JSON.parse(html.match(/<script type="application\/json" id="survival-chart-data">(.*?)<\/script>/)![1]);
    expect(data).toMatchObject({ by: 'site', suppressBelow: 1, suppressed: [] });
    expect(data.curves.map((curve: { group: string }) => curve.group)).toEqual(['site-01', 'site-02', 'site-03']);
  });

  it('writes the quarterly MI return as CSV files and a workbook, each naming the position it was computed from', async () => {
    const report = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8'));
    const national = report.financialQuarter.filter((row: { level: string; starts: number }) => row.level === 'national' && row.starts > 0);
    const quarter = national.at(-1).period as string;
    const out = path.join(root, 'returns');
    const run = await cli(['mi-return', '--quarter', quarter, '--out', out, '--as-of', String(report.lastPosition)]);
    expect(run.code).toBe(0);
    const result = lastJson(run.output);
    const slug = quarter.replace(/[ /]/g, '-');
    expect((result.files as { file: string }[]).map((file) => file.file)).toEqual([
      `mi-return-${slug}-summary.csv`,
      `mi-return-${slug}-breakdowns.csv`,
      `mi-return-${slug}-wellbeing.csv`,
      `mi-return-${slug}.xlsx`,
    ]);
    const summary = fs.readFileSync(path.join(out, `mi-return-${slug}-summary.csv`), 'utf8');
    expect(summary).toContain(`last position,${report.lastPosition}\r\n`);
    expect(summary).toMatch(/\r\nnational,\*,/);
    const breakdowns = fs.readFileSync(path.join(out, `mi-return-${slug}-breakdowns.csv`), 'utf8');
    expect(breakdowns).toMatch(/,starts,ethnicity,/);
    expect(fs.readdirSync(out).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('says on stderr when the as-of point holds no events, and still prints the (empty) report', async () => {
    const replay = await cli(['replay', '--as-of', '2020-01-01']);
    expect(replay.code).toBe(0);
    expect(replay.output).toContain(
      'warning: No event had been recorded by 2020-01-01T23:59:59.999Z: every figure is empty. As-of points count events by when they were recorded, not when they happened; try --as-of now.',
    );
    expect(JSON.parse(replay.output.slice(replay.output.indexOf('{')))).toMatchObject({ eventsRead: 0, participants: 0 });
  });

  it('refuses bad input with one line and exit code 2, before any work and without recording anything', async () => {
    const cases: [string[], string][] = [
      [
        ['replay', '--as-of', 'yesterday'],
        'workwell: --as-of must be a date (2026-03-31), an instant with its zone (2026-03-31T17:00:00Z), a position (digits) or now; got "yesterday"',
      ],
      [['extract', '--out', path.join(root, 'x'), '--agreement', 'DSA-1', '--shared-by', 'u'], 'workwell: --recipient is required'],
      [
        ['extract', '--out', path.join(root, 'x'), '--recipient', 'DWP', '--agreement', '!', '--shared-by', 'u'],
        'workwell: --agreement must be the data sharing agreement reference (letters, digits, spaces, . _ / -; 2 to 80 characters)',
      ],
      [
        ['extract', '--out', path.join(root, 'extract-1'), '--recipient', 'DWP', '--agreement', 'DSA-1', '--shared-by', 'u'],
        `workwell: --out ${path.join(root, 'extract-1')} is not empty: an extract goes into a new or empty directory, so that nothing is mixed or overwritten`,
      ],
      [
        ['curves', '--out', path.join(root, 'c'), '--by', 'colour'],
        'workwell: --by must be one of all, cohort, site, source, barrier (got "colour")',
      ],
      [
        [
          'extract',
          '--out',
          path.join(root, 'x'),
          '--recipient',
          'DWP',
          '--agreement',
          'DSA-1',
          '--shared-by',
          'u',
          '--as-of',
          '2020-01-01',
        ],
        'workwell: nothing had been recorded by 2020-01-01T23:59:59.999Z, so the extract would hold no rows; nothing was written or recorded. As-of points count events by when they were recorded: try now, or pass --allow-empty',
      ],
      [['replay', '--threads', '0'], 'workwell: --threads must be a whole number above 0 (got "0")'],
      [
        ['curves', '--out', path.join(root, 'c'), '--suppress-below', 'five'],
        'workwell: --suppress-below must be a whole number of starts, 0 or more (got "five")',
      ],
      [['curves', '--out', path.join(root, 'c'), '--threads', '100'], 'workwell: --threads must be 64 or fewer (got "100")'],
      [
        ['mi-return', '--quarter', '2024-Q4', '--out', path.join(root, 'r')],
        'workwell: --quarter must be a financial-year quarter such as "Q3 24/25" (got "2024-Q4")',
      ],
      [
        ['mi-return', '--quarter', 'Q3 24/25', '--out', path.join(root, 'r'), '--format', 'pdf'],
        'workwell: --format must be csv, xlsx or csv,xlsx (got "pdf")',
      ],
      [['replay', '--from', '2025-03-01', '--to', '2025-02-01'], 'workwell: --to (2025-02-01) must not be before --from (2025-03-01)'],
      [['replay', '--from', '2025-02-30'], 'workwell: --from must be a date, YYYY-MM-DD (got "2025-02-30")'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect({ args, code: run.code, output: run.output.trim().split('\n').at(-1) }).toEqual({ args, code: 2, output: message });
    }
    expect(fs.existsSync(path.join(root, 'x'))).toBe(false);
    const audit = await cli(['audit', 'extracts', '--format', 'json']);
    expect(JSON.parse(audit.output.slice(audit.output.indexOf('{'))).extracts).toHaveLength(2);
  });
});
