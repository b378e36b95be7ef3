import ExcelJS from 'exceljs';
import { siteConfiguration } from '@workwell/domain-testing';
import { recordSiteConfiguration } from '@workwell/sites';
import { seedJourneys } from '../support/seed-journeys';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

jest.setTimeout(60_000);

const ADMIN = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;

/** The quarterly MI return, as a programme manager downloads it. */
describe('GET /evaluation/mi-return', () => {
  let engine: Engine;
  let evaluator: string;
  let quarter: string;

  const download = (path: string, token: string) => fetch(`${engine.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    engine = await startEngine();
    await seedJourneys(engine.eventStore, { participants: 60, seed: 8 });
    await engine.caughtUp();
    evaluator = await engine.token('evaluator');
    const before = await call(engine, 'GET', '/evaluation/report?period=financial-quarter', { token: evaluator });
    const national = (before.body.rows as { level: string; period: string; starts: number }[]).filter((row) => row.level === 'national');
    quarter = national.filter((row) => row.starts > 0).at(-1)!.period;
    // Configured afterwards: a report uses the configurations known when it is made.
    for (const [siteId, target] of [
      ['leeds', 12],
      ['york', 15],
    ] as const)
      await recordSiteConfiguration(
        engine.eventStore,
        siteConfiguration(siteId, { vanguard: 'west-yorkshire', quarterlyStartTargets: { [quarter]: target } }),
        { recordedBy: ADMIN, occurredAt: new Date().toISOString() },
      );
    // The return is replayed as of now: after everything recorded.
    engine.now = new Date(Date.now() + 1_000);
    // Recorded straight into the store, not through the API: each API process sees it within its registry refresh.
    const vanguardTarget = async () => {
      const after = await call(engine, 'GET', '/evaluation/report?period=financial-quarter', { token: evaluator });
      const rows = after.body.rows as { level: string; period: string; startTarget: number | null }[];
      return rows.find((row) => row.level === 'vanguard' && row.period === quarter)?.startTarget;
    };
    const deadline = Date.now() + 50_000;
    while ((await vanguardTarget()) === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await vanguardTarget()).toBe(27);
  });
  afterAll(() => engine.stop());

  it('answers the summary as CSV naming its as-of and position, national, vanguard and sites with their targets', async () => {
    const answer = await download(`/evaluation/mi-return?quarter=${encodeURIComponent(quarter)}`, evaluator);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="mi-return-${quarter.replace(/[ /]/g, '-')}-summary.csv"`);
    const text = await answer.text();
    expect(text).toContain(`as of,${engine.now.toISOString().slice(0, 19)}`);
    expect(text).toMatch(/last position,\d+/);
    const lines = text.split('\r\n');
    const levels = lines.filter((line) => /^(national|vanguard|site),/.test(line)).map((line) => line.split(',').slice(0, 2).join(' '));
    expect(levels).toEqual(['national *', 'vanguard west-yorkshire', 'site leeds', 'site york']);
  });

  it('answers the workbook, with a sheet per table', async () => {
    const answer = await download(`/evaluation/mi-return?quarter=${encodeURIComponent(quarter)}&format=xlsx`, evaluator);
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await answer.arrayBuffer()) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['summary', 'breakdowns', 'wellbeing']));
  });

  it("gives a manager their own site's return and refuses another site's", async () => {
    const manager = await engine.token('manager', 'leeds');
    const own = await call(engine, 'GET', `/evaluation/mi-return?quarter=${encodeURIComponent(quarter)}&format=json`, { token: manager });
    expect(own.status).toBe(200);
    const summary = own.body.summary as { rows: unknown[][] };
    expect(summary.rows.map((row) => row[1])).toEqual(['leeds']);
    const other = await call(engine, 'GET', `/evaluation/mi-return?quarter=${encodeURIComponent(quarter)}&siteId=york`, { token: manager });
    expect(other.status).toBe(403);
  });

  it('refuses a quarter that is not a financial quarter with a problem naming the field', async () => {
    const answer = await call(engine, 'GET', '/evaluation/mi-return?quarter=2025-Q4', { token: evaluator });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('quarter');
    const coach = await engine.token('coach', 'leeds');
    expect((await call(engine, 'GET', `/evaluation/mi-return?quarter=${encodeURIComponent(quarter)}`, { token: coach })).status).toBe(403);
  });
});
