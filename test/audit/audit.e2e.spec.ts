import { WorkwellClient } from '@workwell/client';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { runCli } from '../support/processes';
import { call } from '../api/http.support';

jest.setTimeout(60_000);

describe('auditor tools', () => {
  let engine: Engine;
  let coach: WorkwellClient;
  let id: string;

  const cli = async (args: string[]) => {
    const run = runCli(args, { DATABASE_URL: engine.db.url, WORKWELL_MASTER_KEY: engine.secrets.masterKeys[0].key.toString('base64') });
    const code = await run.exited;
    return { code, output: run.output() };
  };

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-03-20T09:00:00Z') });
    coach = new WorkwellClient({ baseUrl: engine.baseUrl, token: await engine.token('coach', 'leeds', 'coach-3'), purpose: 'case review' });
    id = (await coach.refer(referral())).participantId;
    await coach.triage(id, {
      occurredAt: at('2026-01-05', '12:00:00'),
      decision: 'accepted',
      eligibility: eligible,
      assignedCoachId: 'coach-3',
    });
    await coach.giveConsent(id, {
      occurredAt: at('2026-01-08'),
      scope: 'programme-participation',
      method: 'written',
      evidenceReference: 'DOC-1',
    });
    // Planted: consent recorded without evidence.
    await coach.giveConsent(id, { occurredAt: at('2026-01-08', '10:05:00'), scope: 'employer-liaison', method: 'verbal' });
    await coach.recordEmployerLiaison(id, {
      occurredAt: at('2026-02-10'),
      employerId: 'employer-9',
      topic: 'phased-return',
      dataCategories: ['progress'],
    });
    // Planted: the withdrawal of 1 February is recorded only now, after the liaison of 10 February.
    await coach.withdrawConsent(id, { occurredAt: at('2026-02-01'), scope: 'employer-liaison', method: 'verbal' });
    // Planted: an admin reads the participant's personal data.
    const admin = new WorkwellClient({
      baseUrl: engine.baseUrl,
      token: await engine.token('admin', undefined, 'admin-1'),
      purpose: 'data quality check',
    });
    await engine.caughtUp();
    await admin.participant(id);
    await coach.participant(id);
  });
  afterAll(() => engine.stop());

  it('lists the planted findings and nothing else, each naming its events', async () => {
    const { code, output } = await cli(['audit', 'findings', '--format', 'json']);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const { findings } = JSON.parse(output.slice(output.indexOf('{')));
    expect(findings.map((f: { kind: string; events: number[]; participantId: string }) => [f.kind, f.events, f.participantId])).toEqual([
      ['consent-without-evidence', [4], id],
      ['sharing-after-late-withdrawal', [6, 7], id],
      ['read-by-unexpected-role', [], id],
    ]);
    const api = await call(engine, 'GET', '/audit/findings?siteId=leeds', { token: await engine.token('auditor') });
    expect(api.body.findings).toEqual(findings);
    const markdown = await cli(['audit', 'findings', '--site', 'leeds']);
    expect(markdown.output).toContain('3 findings.');
  });

  it('prints the full trace of a participant, in time order, as a report and as JSON', async () => {
    const { code, output } = await cli(['audit', 'trace', id]);
    expect(code).toBe(0);
    expect(output).toContain(`# Consent and data-sharing trace: participant ${id}`);
    expect(output).toMatch(/consent withdrawn: employer-liaison \(verbal\)/);
    expect(output).toMatch(
      /shared with employer employer-9: progress for employer-liaison, basis consent; consent employer-liaison NOT active when it happened; withdrawal recorded later \(v7\)/,
    );
    expect(output).toMatch(/read journey summary for "data quality check" \| admin-1 \(admin\)/);
    const json = await call(engine, 'GET', `/audit/participants/${id}/trace`, { token: await engine.token('auditor') });
    const entries = json.body.entries as { kind: string }[];
    expect(entries.map((e) => e.kind)).toEqual([
      'consent-given',
      'consent-given',
      'consent-withdrawn',
      'data-shared',
      'personal-data-read',
      'personal-data-read',
    ]);
    expect(entries[1]).toMatchObject({
      version: 4,
      by: { userId: 'coach-3', role: 'coach' },
      details: { scope: 'employer-liaison', evidenceReference: null },
    });
    expect(JSON.stringify(json.body)).not.toContain('Sam Example');
    expect((await call(engine, 'GET', `/audit/findings`, { token: await engine.token('coach', 'leeds') })).status).toBe(403);
  });

  it('verify names the stream and event altered with the protection disabled', async () => {
    expect((await cli(['verify'])).code).toBe(0);
    await engine.db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    await engine.db.pool.query(
      `UPDATE events SET data = jsonb_set(data::jsonb, '{method,code}', '"written"')::json WHERE stream_id = $1 AND version = 4`,
      [`participant-${id}`],
    );
    await engine.db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');
    const { code, output } = await cli(['verify', '--site', 'leeds']);
    expect(code).toBe(1);
    expect(output).toContain(`altered: stream participant-${id}, event version 4`);
    await engine.db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    await engine.db.pool.query(
      `UPDATE events SET data = jsonb_set(data::jsonb, '{method,code}', '"verbal"')::json WHERE stream_id = $1 AND version = 4`,
      [`participant-${id}`],
    );
    await engine.db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');
    expect((await cli(['verify'])).code).toBe(0);
  });

  it('erases: no table holds a readable name, the evaluation keeps its figures, verify still passes', async () => {
    const evaluator = await engine.token('evaluator');
    // The figures, without the basis (last position) that the erasure event itself moves on.
    const figures = async () =>
      ((await call(engine, 'GET', '/evaluation/report?period=month', { token: evaluator })).body.rows as Record<string, unknown>[]).map(
        ({ lastPosition: _p, asOf: _a, ...row }) => row,
      );
    const before = await figures();
    const { code, output } = await cli(['erase', id, '--reason', 'erasure-request', '--requested-by', 'ig-officer-1']);
    expect(code).toBe(0);
    expect(JSON.parse(output.slice(output.indexOf('{')))).toMatchObject({ participantId: id, erased: true });
    await engine.caughtUp();
    engine.keyStore.clearCache();

    const summary = await coach.participant(id);
    expect(summary.personalDetails).toEqual({ erased: true });
    expect(summary.stage).toBe('erased');
    expect(await figures()).toEqual(before);
    const { rows: tables } = await engine.db.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) {
      const { rows } = await engine.db.pool.query(`SELECT * FROM ${table_name}`);
      expect({
        table_name,
        readable: JSON.stringify(rows).includes('Sam Example') || JSON.stringify(rows).includes('943 476 5919'),
      }).toEqual({ table_name, readable: false });
    }
    const { rows: keys } = await engine.db.pool.query('SELECT wrapped_key, destroyed_reason FROM participant_keys WHERE key_id = $1', [
      `participant-key:${id}`,
    ]);
    expect(keys).toEqual([{ wrapped_key: null, destroyed_reason: 'erasure-request' }]);
    expect((await cli(['verify'])).code).toBe(0);
    expect((await cli(['erase', id, '--reason', 'erasure-request', '--requested-by', 'x'])).output.trim()).toBe(
      "workwell: This participant's personal data has been erased: nothing more can be recorded for them.",
    );
  });
});
