import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call, eventCount } from './http.support';

describe('the API refuses clearly and records nothing on a refusal', () => {
  let engine: Engine;
  let coach: string;
  let participant: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    coach = await engine.token('coach', 'leeds');
    const referred = await call(engine, 'POST', '/participants', { token: coach, body: referral() });
    participant = referred.body.participantId as string;
    await call(engine, 'POST', `/participants/${participant}/triage`, {
      token: coach,
      body: { occurredAt: at('2026-01-05', '12:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' },
    });
  });
  afterAll(() => engine.stop());

  const expectProblem = (answer: { status: number; body: Record<string, unknown>; headers: Headers }, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status, code, type: `urn:workwell:problem:${code.toLowerCase().replace(/_/g, '-')}` });
    expect(typeof answer.body.detail).toBe('string');
    expect(JSON.stringify(answer.body)).not.toMatch(/\bat \w+ \(|node_modules/);
  };

  it('names an unknown field with 400', async () => {
    const answer = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: { occurredAt: at('2026-01-06'), mode: 'phone', durationMinutes: 30, mood: 'happy' },
    });
    expectProblem(answer, 400, 'INVALID_REQUEST');
    expect(answer.body.errors).toEqual([{ field: 'mood', message: 'mood should not exist' }]);
  });

  it('names a code that is not in its list with 400', async () => {
    const answer = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: { occurredAt: at('2026-01-06'), mode: 'carrier-pigeon', durationMinutes: 30 },
    });
    expectProblem(answer, 400, 'INVALID_REQUEST');
    expect(answer.body.detail).toContain('mode must be one of in-person, phone, video');
  });

  it('refuses an NHS number whose check digit is wrong, naming the field', async () => {
    const answer = await call(engine, 'POST', '/participants', {
      token: coach,
      body: referral({ personalDetails: { ...referral().personalDetails, nhsNumber: '943 476 5918' } }),
    });
    expectProblem(answer, 400, 'INVALID_REQUEST');
    expect(answer.body.errors).toEqual([
      { field: 'personalDetails.nhsNumber', message: 'must be a 10-digit NHS number with a valid check digit' },
    ]);
  });

  it('answers a body that is not JSON with 400', async () => {
    expectProblem(
      await call(engine, 'POST', `/participants/${participant}/sessions`, { token: coach, body: '{"occurredAt": ', headers: {} }),
      400,
      'MALFORMED_BODY',
    );
  });

  it('refuses a business time in the future', async () => {
    const answer = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: { occurredAt: at('2026-06-02'), mode: 'phone', durationMinutes: 30 },
    });
    expectProblem(answer, 400, 'INVALID_REQUEST');
    expect(answer.body.detail).toContain('occurredAt');
  });

  it('refuses an assessment before programme consent with 422 and the domain sentence', async () => {
    const answer = await call(engine, 'POST', `/participants/${participant}/assessment`, {
      token: coach,
      body: { occurredAt: at('2026-01-08'), primaryHealthBarrier: 'mental-health' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toMatch(/CONSENT/);
    expect(String(answer.body.detail)).toMatch(/consent/i);
  });

  it('refuses an outcome before a start with 422', async () => {
    const answer = await call(engine, 'POST', `/participants/${participant}/outcomes`, {
      token: coach,
      body: {
        occurredAt: at('2026-04-01'),
        checkpoint: '12-weeks',
        reached: true,
        employmentStatus: 'returned-to-work',
        source: 'participant',
      },
    });
    expect(answer.status).toBe(422);
  });

  it('answers 404 for an unknown participant and 400 for an id that is not a UUID', async () => {
    expectProblem(
      await call(engine, 'POST', '/participants/6f1c1c9e-2b7a-4c1e-9a55-0d6a7e1b2c3d/sessions', {
        token: coach,
        body: { occurredAt: at('2026-01-06'), mode: 'phone', durationMinutes: 30 },
      }),
      404,
      'PARTICIPANT_NOT_FOUND',
    );
    expectProblem(await call(engine, 'GET', '/participants/not-a-uuid', { token: coach }), 400, 'INVALID_REQUEST');
  });

  it('answers 401 without a token or with a forged one, and 403 to a role that may not write', async () => {
    expectProblem(await call(engine, 'GET', '/caseload'), 401, 'UNAUTHENTICATED');
    expectProblem(await call(engine, 'GET', '/caseload', { token: `${coach.slice(0, -4)}abcd` }), 401, 'INVALID_TOKEN');
    const evaluator = await engine.token('evaluator');
    expectProblem(
      await call(engine, 'POST', `/participants/${participant}/sessions`, {
        token: evaluator,
        body: { occurredAt: at('2026-01-06'), mode: 'phone', durationMinutes: 30 },
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    expectProblem(await call(engine, 'GET', `/participants/${participant}`, { token: evaluator }), 403, 'FORBIDDEN_ROLE');
    expectProblem(
      await call(engine, 'GET', `/participants/${participant}`, { token: await engine.token('auditor') }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('blocks employer liaison without consent: 422, the attempt recorded, nothing shared', async () => {
    const before = await eventCount(engine);
    const answer = await call(engine, 'POST', `/participants/${participant}/employer-liaisons`, {
      token: coach,
      body: { occurredAt: at('2026-01-09'), employerId: 'employer-1', topic: 'phased-return', dataCategories: ['action-plan'] },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'SHARING_BLOCKED', reasonCode: 'CONSENT_NOT_GIVEN' });
    expect(String(answer.body.detail)).toMatch(/consent/);
    expect(await eventCount(engine)).toBe(before + 1);
    const stored = await engine.eventStore.readStream(`participant-${participant}`);
    expect(stored.at(-1)!.type).toBe('DataSharingBlocked');
  });

  it('stores nothing for any refused request', async () => {
    const before = await eventCount(engine);
    await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: { occurredAt: 'yesterday', mode: 'phone', durationMinutes: 30 },
    });
    await call(engine, 'POST', `/participants/${participant}/assessment`, {
      token: coach,
      body: { occurredAt: at('2026-01-08'), primaryHealthBarrier: 'mental-health' },
    });
    expect(await eventCount(engine)).toBe(before);
  });
});
