import { WorkwellClient } from '@workwell/client';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from '../api/http.support';

describe('read models, given a scripted journey', () => {
  let engine: Engine;
  let id: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-03-20T09:00:00Z') });
    const coach = new WorkwellClient({ baseUrl: engine.baseUrl, token: await engine.token('coach', 'leeds', 'coach-3') });
    id = (await coach.refer(referral({ occurredAt: at('2026-01-05') }))).participantId;
    await coach.triage(id, {
      occurredAt: at('2026-01-05', '12:00:00'),
      decision: 'accepted',
      eligibility: eligible,
      assignedCoachId: 'coach-3',
    });
    await coach.recordContactAttempt(id, { occurredAt: at('2026-01-06'), method: 'phone', outcome: 'reached' });
    await coach.giveConsent(id, {
      occurredAt: at('2026-01-08'),
      scope: 'programme-participation',
      method: 'written',
      evidenceReference: 'DOC-1',
    });
    await coach.giveConsent(id, { occurredAt: at('2026-01-08', '10:05:00'), scope: 'employer-liaison', method: 'verbal' });
    await coach.recordEmployerLiaison(id, {
      occurredAt: at('2026-02-10'),
      employerId: 'employer-9',
      topic: 'phased-return',
      dataCategories: ['progress'],
    });
    // Recorded today, but the participant withdrew on 1 February: the liaison of 10 February went ahead without consent.
    await coach.withdrawConsent(id, { occurredAt: at('2026-02-01'), scope: 'employer-liaison', method: 'verbal' });
    await coach
      .recordEmployerLiaison(id, {
        occurredAt: at('2026-03-02'),
        employerId: 'employer-9',
        topic: 'mediation',
        dataCategories: ['progress'],
      })
      .catch(() => undefined);
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it('caseload: stage, coach, the next thing due and the consents as they stand', async () => {
    const { rows } = await engine.db.pool.query(
      'SELECT site_id, coach_id, stage, open, next_action, next_due_on::text, sessions_held, consents, version FROM caseload WHERE participant_id = $1',
      [id],
    );
    expect(rows).toEqual([
      {
        site_id: 'leeds',
        coach_id: 'coach-3',
        stage: 'accepted',
        open: true,
        next_action: 'signed-plan',
        next_due_on: '2026-02-02',
        sessions_held: 0,
        consents: {
          'programme-participation': { given: true, since: '2026-01-08T10:00:00.000Z', expiresAt: null },
          'employer-liaison': { given: false, since: '2026-02-01T10:00:00.000Z', expiresAt: null },
        },
        version: 9,
      },
    ]);
  });

  it('consent and sharing: every decision, with the late withdrawal named on the sharing it undermines', async () => {
    const { rows: consents } = await engine.db.pool.query(
      'SELECT version, scope, given, evidence_reference FROM consent_timeline WHERE participant_id = $1 ORDER BY version',
      [id],
    );
    expect(consents).toEqual([
      { version: 4, scope: 'programme-participation', given: true, evidence_reference: 'DOC-1' },
      { version: 5, scope: 'employer-liaison', given: true, evidence_reference: null },
      { version: 8, scope: 'employer-liaison', given: false, evidence_reference: null },
    ]);
    const { rows: sharings } = await engine.db.pool.query(
      'SELECT version, kind, outcome, recipient_reference, lawful_basis, consent_scope, consent_active_at_occurrence, late_withdrawal_version, blocked_reason FROM sharing_decisions WHERE participant_id = $1 ORDER BY version',
      [id],
    );
    expect(sharings).toEqual([
      {
        version: 7,
        kind: 'employer-liaison',
        outcome: 'shared',
        recipient_reference: 'employer-9',
        lawful_basis: 'consent',
        consent_scope: 'employer-liaison',
        consent_active_at_occurrence: false,
        late_withdrawal_version: 8,
        blocked_reason: null,
      },
      {
        version: 9,
        kind: 'employer-liaison',
        outcome: 'blocked',
        recipient_reference: 'employer-9',
        lawful_basis: 'consent',
        consent_scope: 'employer-liaison',
        consent_active_at_occurrence: false,
        late_withdrawal_version: null,
        blocked_reason: 'CONSENT_WITHDRAWN',
      },
    ]);
  });

  it('outcomes and evaluation: the episode counted once, by its referral month, with no personal data', async () => {
    const evaluator = await engine.token('evaluator');
    const report = await call(engine, 'GET', '/evaluation/report?period=month&siteId=leeds', { token: evaluator });
    expect(report.status).toBe(200);
    const january = (report.body.rows as { siteId: string; period: string; referrals: { total: number }; starts: number }[]).find(
      (row) => row.siteId === 'leeds' && row.period === '2026-01',
    );
    expect(january).toMatchObject({ referrals: { total: 1 }, starts: 0 });
    const outcomes = await call(engine, 'GET', '/evaluation/outcomes?siteId=leeds', { token: evaluator });
    const text = JSON.stringify(outcomes.body);
    expect(outcomes.body.records).toHaveLength(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('Sam Example');
    expect(text).not.toContain('9434765919');
  });

  it('evaluation report: reused while the read models and the day stay put, recomputed after a write or on another day', async () => {
    const evaluator = await engine.token('evaluator');
    const report = async () =>
      (await call(engine, 'GET', '/evaluation/report?period=month', { token: evaluator })).body as {
        asOf: string;
        position: number;
        rows: { siteId: string; referrals: { total: number } }[];
      };
    const first = await report();
    engine.now = new Date('2026-03-20T15:00:00Z');
    expect(await report()).toEqual(first);

    const coach = new WorkwellClient({ baseUrl: engine.baseUrl, token: await engine.token('coach', 'leeds', 'coach-3') });
    await coach.refer(referral({ occurredAt: at('2026-03-19') }));
    await engine.caughtUp();
    const afterWrite = await report();
    expect(afterWrite.position).toBeGreaterThan(first.position);
    expect(afterWrite.asOf).toBe('2026-03-20T15:00:00.000Z');
    const national = (r: typeof first) => r.rows.filter((row) => row.siteId === '*').reduce((sum, row) => sum + row.referrals.total, 0);
    expect(national(afterWrite)).toBe(national(first) + 1);

    engine.now = new Date('2026-03-21T09:00:00Z');
    expect((await report()).asOf).toBe('2026-03-21T09:00:00.000Z');
  });
});
