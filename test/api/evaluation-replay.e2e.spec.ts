import { createHash } from 'node:crypto';
import { seedJourneys } from '../support/seed-journeys';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

jest.setTimeout(60_000);

describe('evaluator API: replay, curves, extracts', () => {
  let engine: Engine;
  let evaluator: string;

  beforeAll(async () => {
    engine = await startEngine();
    await seedJourneys(engine.eventStore, { participants: 40, seed: 5 });
    await engine.caughtUp();
    engine.now = new Date(Date.now() + 1_000);
    evaluator = await engine.token('evaluator');
  });
  afterAll(() => engine.stop());

  it("re-runs today's read-model report from the event store with the same figures", async () => {
    const live = await call(engine, 'GET', '/evaluation/report?period=quarter', { token: evaluator });
    expect(live.status).toBe(200);
    const replay = await call(engine, 'GET', `/evaluation/replay?asOf=${encodeURIComponent(live.body.asOf as string)}`, {
      token: evaluator,
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({
      asOfBasis: 'recorded-time',
      judgedAt: live.body.asOf,
      lastPosition: live.body.position,
      participants: 40,
    });
    expect(replay.body.quarter).toEqual(live.body.rows);
    expect((replay.body.quarter as unknown[]).length).toBeGreaterThan(3);
  });

  it('draws the curves as JSON, CSV and HTML', async () => {
    const json = await call(engine, 'GET', '/evaluation/curves?by=site', { token: evaluator });
    expect(json.status).toBe(200);
    expect((json.body.curves as { group: string }[]).map((curve) => curve.group)).toEqual(['leeds', 'york']);
    const html = await fetch(`${engine.baseUrl}/evaluation/curves?format=html`, { headers: { authorization: `Bearer ${evaluator}` } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    // Its own policy allows exactly its inline script and styles, by hash.
    const text = await html.text();
    const [script, style] = [/<script>([\s\S]*?)<\/script>/, /<style>([\s\S]*?)<\/style>/].map((pattern) => text.match(pattern)![1]);
    const hash = (inline: string) => `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    expect(html.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    const csv = await fetch(`${engine.baseUrl}/evaluation/curves?format=csv&by=cohort`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).startsWith('group,time_days,at_risk')).toBe(true);
  });

  it('makes an extract, records the sharing for auditors, and serves files matching the manifest', async () => {
    const made = await call(engine, 'POST', '/evaluation/extracts', {
      token: evaluator,
      body: { recipient: 'IES', agreementReference: 'DSA-2026-020' },
    });
    expect(made.status).toBe(201);
    const files = made.body.files as { name: string; href: string }[];
    const manifest = made.body.manifest as { rows: number; files: { name: string; sha256: string }[] };
    const csv = Buffer.from(
      await (await fetch(`${engine.baseUrl}${files[0].href}`, { headers: { authorization: `Bearer ${evaluator}` } })).arrayBuffer(),
    );
    expect(createHash('sha256').update(csv).digest('hex')).toBe(manifest.files[0].sha256);
    const manifestBytes = Buffer.from(
      await (await fetch(`${engine.baseUrl}${files[1].href}`, { headers: { authorization: `Bearer ${evaluator}` } })).arrayBuffer(),
    );
    expect(createHash('sha256').update(manifestBytes).digest('hex')).toBe(made.body.manifestSha256);

    const audit = await call(engine, 'GET', '/audit/extracts', { token: await engine.token('auditor') });
    expect(audit.status).toBe(200);
    expect(audit.body.extracts).toMatchObject([
      {
        recipient: 'IES',
        agreementReference: 'DSA-2026-020',
        manifestSha256: made.body.manifestSha256,
        rows: manifest.rows,
        sharedBy: { userId: 'evaluator-1', role: 'evaluator' },
      },
    ]);
  });

  it('answers mistakes and other roles with problems, never a 500', async () => {
    const coach = await engine.token('coach', 'leeds');
    const cases: [string, string, string | undefined, unknown, number, string][] = [
      ['GET', '/evaluation/replay', coach, undefined, 403, ''],
      ['GET', '/evaluation/replay?asOf=yesterday', evaluator, undefined, 400, 'asOf must be a date'],
      ['GET', '/evaluation/replay?asOf=2099-01-01', evaluator, undefined, 400, 'is in the future'],
      ['GET', '/evaluation/curves?by=colour', evaluator, undefined, 400, 'by must be one of all, cohort, site, source, barrier'],
      ['POST', '/evaluation/extracts', evaluator, { agreementReference: 'DSA-1' }, 400, 'recipient'],
      [
        'POST',
        '/evaluation/extracts',
        evaluator,
        { recipient: 'IES', agreementReference: '!' },
        400,
        'agreementReference must be the data sharing agreement reference',
      ],
      [
        'GET',
        '/evaluation/extracts/00000000-0000-4000-8000-000000000000/episodes.csv',
        evaluator,
        undefined,
        404,
        'There is no extract file',
      ],
      [
        'GET',
        '/evaluation/extracts/00000000-0000-4000-8000-000000000000/passwd',
        evaluator,
        undefined,
        400,
        'file must be episodes.csv or manifest.json',
      ],
      ['GET', '/audit/extracts', evaluator, undefined, 403, ''],
    ];
    for (const [method, path, token, body, status, detail] of cases) {
      const answer = await call(engine, method, path, { token, body });
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(JSON.stringify(answer.body)).toContain(detail);
    }
    const audit = await call(engine, 'GET', '/audit/extracts', { token: await engine.token('auditor') });
    expect(audit.body.extracts).toHaveLength(1);
  });

  it('warns when the as-of point holds no events, refuses an empty extract unless allowEmpty, and refuses a position before anything', async () => {
    const before = await call(engine, 'GET', '/evaluation/replay?asOf=2020-01-01', { token: evaluator });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ eventsRead: 0, warnings: [expect.stringContaining('No event had been recorded by 2020-01-01')] });
    const now = await call(engine, 'GET', '/evaluation/replay', { token: evaluator });
    expect(now.body.warnings).toBeUndefined();

    const sharings = async () =>
      ((await call(engine, 'GET', '/audit/extracts', { token: await engine.token('auditor') })).body.extracts as unknown[]).length;
    const recorded = await sharings();
    const body = { recipient: 'DWP Evaluation Unit', agreementReference: 'DSA-2026-014', asOf: '2020-01-01' };
    const empty = await call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'EMPTY_EXTRACT', detail: expect.stringContaining('send allowEmpty: true') });
    expect(await sharings()).toBe(recorded);

    const allowed = await call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body: { ...body, allowEmpty: true } });
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({ manifest: { rows: 0 }, warnings: [expect.stringContaining('holds no rows')] });
    expect(await sharings()).toBe(recorded + 1);

    const position = await call(engine, 'GET', '/evaluation/replay?asOf=1', { token: evaluator });
    expect(position).toMatchObject({ status: 400, body: { code: 'BAD_AS_OF', detail: 'nothing had been recorded by position 1' } });
  });
});
