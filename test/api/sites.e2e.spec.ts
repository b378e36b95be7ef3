import { SITE_CONFIGURATIONS_STREAM } from '@workwell/domain';
import { readWholeStream } from '@workwell/event-store';
import { at, eligible, referral, swemwbs } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call, type Answer } from './http.support';

/** Leeds from 2025: one follow-up, at 26 weeks. */
const leeds = (change: Record<string, unknown> = {}) => ({
  name: 'Leeds',
  vanguard: 'west-yorkshire',
  validFrom: '2025-01-01',
  localities: [{ id: 'leeds-south', name: 'Leeds South' }],
  deliveryOrganisations: [{ id: 'org-leeds-ch', name: 'Leeds Community Healthcare', localityId: 'leeds-south' }],
  followUpSchedule: { checkpoints: [{ checkpoint: '26-weeks', after: { weeks: 26 } }] },
  cohorts: [],
  quarterlyStartTargets: { 'Q4 25/26': 90 },
  ...change,
});

const outcome = (checkpoint: string, day: string) => ({
  occurredAt: at(day),
  checkpoint,
  reached: true,
  employmentStatus: 'returned-to-work',
  hoursPerWeek: 30,
  source: 'participant',
});

/** Triage to a first plan on 12 January 2026: the participant's start. */
const startSteps: [string, unknown][] = [
  ['triage', { occurredAt: at('2026-01-05', '15:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-7' }],
  ['contact-attempts', { occurredAt: at('2026-01-06'), method: 'phone', outcome: 'reached' }],
  ['consents', { occurredAt: at('2026-01-08'), scope: 'programme-participation', method: 'written', evidenceReference: 'DOC-1' }],
  ['first-appointment', { occurredAt: at('2026-01-08', '11:00:00'), mode: 'in-person', employmentStatus: 'employed-off-sick' }],
  [
    'assessment',
    {
      occurredAt: at('2026-01-08', '12:00:00'),
      primaryHealthBarrier: 'musculoskeletal',
      nonHealthBarriers: [],
      baselineMeasures: [swemwbs(21)],
    },
  ],
  [
    'action-plans',
    {
      occurredAt: at('2026-01-12'),
      planType: 'return-to-work',
      goals: [{ domain: 'work', description: 'Phased return', status: 'in-progress' }],
      signedByParticipantOn: '2026-01-12',
    },
  ],
];

describe('sites as configuration the running system uses', () => {
  let engine: Engine;
  let admin: string;
  let coach: string;
  const configure = (body: unknown, headers: Record<string, string> = {}, token = admin, site = 'leeds'): Promise<Answer> =>
    call(engine, 'POST', `/sites/${site}/configurations`, { token, body, headers });
  const configurations = async () => readWholeStream(engine.eventStore, SITE_CONFIGURATIONS_STREAM);

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2027-01-20T09:00:00Z') });
    admin = await engine.token('admin', undefined, 'admin-1');
    coach = await engine.token('coach', 'leeds', 'coach-7');
  });
  afterAll(() => engine.stop());

  it('lets an admin record a configuration, once per Idempotency-Key, and refuses everyone else, bad fields and stale versions', async () => {
    for (const token of [coach, await engine.token('manager', 'leeds'), await engine.token('evaluator')]) {
      const refused = await configure(leeds(), {}, token);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
    }

    const bad = await configure(leeds({ name: '', followUpSchedule: { checkpoints: [{ checkpoint: '26-weeks', after: { weeks: 0 } }] } }));
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('INVALID_SITE_CONFIGURATION');
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'followUpSchedule.checkpoints.0.after.weeks',
      'name',
    ]);
    const otherSite = await configure(leeds({ siteId: 'york' }));
    expect(otherSite.status).toBe(422);
    expect(otherSite.body.errors).toEqual([{ field: 'siteId', message: expect.stringContaining('leeds') }]);
    expect(await configurations()).toHaveLength(0);

    const headers = { 'idempotency-key': 'configure-leeds-0001', 'if-match': 'W/"0"' };
    const recorded = await configure(leeds(), headers);
    expect(recorded.status).toBe(201);
    expect(recorded.headers.get('etag')).toBe('W/"1"');
    expect(Number(recorded.headers.get('x-position'))).toBeGreaterThan(0);
    expect(recorded.body).toMatchObject({
      siteId: 'leeds',
      version: 1,
      validFrom: '2025-01-01',
      recordedBy: { userId: 'admin-1', role: 'admin' },
    });

    const retried = await configure(leeds(), headers);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replay')).toBe('true');
    expect(retried.body).toEqual(recorded.body);
    const reused = await configure(leeds({ name: 'Leeds (renamed)' }), { 'idempotency-key': 'configure-leeds-0001' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const stale = await configure(leeds({ name: 'Leeds city' }), { 'if-match': 'W/"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
    expect(await configurations()).toHaveLength(1);
  });

  it('shows the sites to national roles, and to coaches their own site only', async () => {
    const listed = await call(engine, 'GET', '/sites', { token: await engine.token('evaluator') });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('W/"1"');
    expect(listed.body).toMatchObject({ version: 1, sites: [{ siteId: 'leeds', changes: 1, current: { name: 'Leeds', version: 1 } }] });

    const shown = await call(engine, 'GET', '/sites/leeds', { token: coach });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      siteId: 'leeds',
      current: { version: 1 },
      history: [{ version: 1, position: expect.any(Number), recordedAt: expect.any(String), recordedBy: { userId: 'admin-1' } }],
    });

    const york = await engine.token('coach', 'york');
    expect((await call(engine, 'GET', '/sites', { token: york })).body.sites).toEqual([]);
    expect((await call(engine, 'GET', '/sites/leeds', { token: york })).body.code).toBe('OTHER_SITE');
    const missing = await call(engine, 'GET', '/sites/nowhere', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SITE_NOT_FOUND');
  });

  it("decides a coach's outcomes by the site's schedule and shows the 26-week due date on the caseload", async () => {
    const post = (path: string, body: unknown) => call(engine, 'POST', path, { token: coach, body });
    const referred = await post('/participants', referral());
    expect(referred.status).toBe(201);
    const id = referred.body.participantId as string;
    for (const [step, body] of startSteps) {
      const answer = await post(`/participants/${id}/${step}`, body);
      expect({ step, status: answer.status, code: answer.body.code }).toEqual({ step, status: 200, code: undefined });
    }
    await engine.caughtUp();

    // Started on 12 January 2026: the one checkpoint falls due 182 days later.
    const summary = await call(engine, 'GET', `/participants/${id}`, { token: coach });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ stage: 'started', nextAction: 'outcome:26-weeks', nextDueOn: '2026-07-13' });
    const checkpoints = (summary.body.followUps as { kind: string; checkpoint: string; dueOn: string }[]).filter(
      (f) => f.kind === 'outcome',
    );
    expect(checkpoints).toEqual([expect.objectContaining({ checkpoint: '26-weeks', dueOn: '2026-07-13', status: 'overdue' })]);
    const caseload = await call(engine, 'GET', '/caseload', { token: coach });
    const item = (caseload.body.items as Record<string, unknown>[]).find((row) => row.participantId === id)!;
    expect(item).toMatchObject({ nextAction: 'outcome:26-weeks', nextDueOn: '2026-07-13' });
    expect(item.overdue).toEqual([{ kind: 'outcome', checkpoint: '26-weeks', dueOn: '2026-07-13', daysOverdue: expect.any(Number) }]);

    const refused = await post(`/participants/${id}/outcomes`, outcome('12-weeks', '2026-04-06'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHECKPOINT_NOT_IN_SCHEDULE');
    const recorded = await post(`/participants/${id}/outcomes`, outcome('26-weeks', '2026-07-13'));
    expect(recorded.status).toBe(200);
    expect((recorded.body.recorded as { type: string }[]).map((e) => e.type)).toEqual(['OutcomeRecorded']);

    await engine.caughtUp();
    const after = await call(engine, 'GET', `/participants/${id}`, { token: coach });
    expect(after.body).toMatchObject({ nextAction: null, nextDueOn: null, overdue: [] });
  });

  it('reflects a configuration recorded after a start, valid from before it, in commands at once and in the caseload at the next event', async () => {
    const yorkCoach = await engine.token('coach', 'york', 'coach-9');
    const post = (path: string, body: unknown) => call(engine, 'POST', path, { token: yorkCoach, body });
    const id = (await post('/participants', referral())).body.participantId as string;
    for (const [step, body] of startSteps) expect((await post(`/participants/${id}/${step}`, body)).status).toBe(200);
    await engine.caughtUp();
    const summary = async () => (await call(engine, 'GET', `/participants/${id}`, { token: yorkCoach })).body;
    expect(await summary()).toMatchObject({ nextAction: 'outcome:12-weeks', nextDueOn: '2026-04-06' });

    expect((await configure(leeds({ name: 'York', vanguard: 'north-yorkshire' }), {}, admin, 'york')).status).toBe(201);
    await engine.caughtUp();
    // The row was computed at the participant's last event: it waits for their next one (or a rebuild).
    expect(await summary()).toMatchObject({ nextAction: 'outcome:12-weeks' });
    const refused = await post(`/participants/${id}/outcomes`, outcome('12-weeks', '2026-04-06'));
    expect(refused.body.code).toBe('CHECKPOINT_NOT_IN_SCHEDULE');

    expect((await post(`/participants/${id}/sessions`, { occurredAt: at('2026-01-19'), mode: 'phone', durationMinutes: 45 })).status).toBe(
      200,
    );
    await engine.caughtUp();
    expect(await summary()).toMatchObject({ nextAction: 'outcome:26-weeks', nextDueOn: '2026-07-13' });
  });
});
