import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call, eventCount, type Answer } from './http.support';

/** The refusals issue 19 found answered with 500: each is now a 400 naming the field (or the domain's 422), and records nothing. */
describe('input the API must refuse before it reaches a handler', () => {
  let engine: Engine;
  let coach: string;
  let participant: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z'), projector: false });
    coach = await engine.token('coach', 'leeds');
    participant = (await call(engine, 'POST', '/participants', { token: coach, body: referral() })).body.participantId as string;
  });
  afterAll(() => engine.stop());

  const refused = async (answer: Answer, status: number, code: string) => {
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  };
  const fields = (answer: Answer) => (answer.body.errors as { field: string }[]).map((e) => e.field);

  it.each([
    ['demographics missing', { demographics: undefined }, 'demographics'],
    ['demographics as []', { demographics: [] }, 'demographics'],
    ['demographics as null', { demographics: null }, 'demographics'],
    ['personalDetails as an array', { personalDetails: [{ name: 'x' }] }, 'personalDetails'],
    ['an impossible day', { occurredAt: '2026-02-30T10:00:00Z' }, 'occurredAt'],
    ['an impossible offset', { occurredAt: '2026-03-02T10:00:00+99:99' }, 'occurredAt'],
    ['year 0', { occurredAt: '0000-01-01T10:00:00Z' }, 'occurredAt'],
  ])('refuses a referral with %s: 400 naming the field', async (_, change, field) => {
    const before = await eventCount(engine);
    const answer = await call(engine, 'POST', '/participants', { token: coach, body: { ...referral(), ...change } });
    await refused(answer, 400, 'INVALID_REQUEST');
    expect(fields(answer)).toContain(field);
    expect(await eventCount(engine)).toBe(before);
  });

  it('names every wrong field once, nested ones by their path, in one answer', async () => {
    const answer = await call(engine, 'POST', '/participants', {
      token: coach,
      body: {
        ...referral(),
        occurredAt: 'soon',
        personalDetails: { ...referral().personalDetails, nhsNumber: '943 476 5918', postcode: 'nowhere' },
        demographics: { ...referral().demographics, sex: 'x' },
      },
    });
    await refused(answer, 400, 'INVALID_REQUEST');
    expect(fields(answer)).toEqual(['occurredAt', 'personalDetails.nhsNumber', 'personalDetails.postcode', 'demographics.sex']);
    expect(answer.body.detail).toBe(
      '4 fields are invalid: occurredAt, personalDetails.nhsNumber, personalDetails.postcode, demographics.sex',
    );
  });

  it('refuses a sharing without recipient, and an outcome reached with a null employment status', async () => {
    const sharing = await call(engine, 'POST', `/participants/${participant}/data-sharings`, {
      token: coach,
      body: { occurredAt: at('2026-01-11'), purpose: 'progress-update', dataCategories: ['progress'], lawfulBasis: 'public-task' },
    });
    await refused(sharing, 400, 'INVALID_REQUEST');
    expect(fields(sharing)).toEqual(['recipient']);
    const outcome = await call(engine, 'POST', `/participants/${participant}/outcomes`, {
      token: coach,
      body: { occurredAt: at('2026-04-01'), checkpoint: '12-weeks', reached: true, employmentStatus: null, source: 'participant' },
    });
    await refused(outcome, 400, 'INVALID_REQUEST');
    expect(outcome.body.errors).toEqual([{ field: 'employmentStatus', message: 'is required when the participant was reached' }]);
  });

  it('refuses a body nested 10,000 levels with 400 before anything transforms it', async () => {
    const deep = '{"occurredAt":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    const answer = await call(engine, 'POST', `/participants/${participant}/triage`, { token: coach, body: deep });
    await refused(answer, 400, 'BODY_TOO_DEEP');
    const shallow = await call(engine, 'POST', `/participants/${participant}/triage`, {
      token: coach,
      body: { occurredAt: at('2026-01-05', '12:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' },
    });
    expect(shallow.status).toBe(200);
  });

  it.each(['1e300', '0x10', '-1', '100001', '1.5', ''])('refuses page=%s on the caseload with 400', async (page) => {
    await refused(await call(engine, 'GET', `/caseload?page=${page}`, { token: coach }), 400, 'INVALID_REQUEST');
  });

  it("answers Fastify's own refusals as problem+json with a code", async () => {
    await refused(await call(engine, 'GET', `/participants/${'a'.repeat(300)}`, { token: coach }), 414, 'URI_TOO_LONG');
    await refused(await call(engine, 'GET', '/participants/%zz', { token: coach }), 400, 'BAD_URL');
    await refused(await call(engine, 'GET', '/nowhere', { token: coach }), 404, 'NOT_FOUND');
    await refused(
      await call(engine, 'POST', `/participants/${participant}/sessions`, {
        token: coach,
        body: JSON.stringify({ x: 'y'.repeat(300_000) }),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const xml = await fetch(`${engine.baseUrl}/participants/${participant}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coach}`, 'content-type': 'application/xml' },
      body: '<session/>',
    });
    expect({ status: xml.status, type: xml.headers.get('content-type') }).toEqual({
      status: 415,
      type: expect.stringContaining('application/problem+json'),
    });
    expect(((await xml.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
