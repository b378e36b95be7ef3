import { call } from '../api/http.support';
import { at, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { survivalChartCsp } from '@workwell/evaluation';

const origin = 'https://coach.example.nhs.uk';
const preflight = (engine: Engine, from: string) =>
  fetch(`${engine.baseUrl}/caseload`, {
    method: 'OPTIONS',
    headers: { origin: from, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

describe('security headers, CORS, rate limits and body size, with the defaults', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ projector: false });
  });
  afterAll(() => engine.stop());

  it('sends helmet headers with a same-origin page policy on every answer, errors too', async () => {
    for (const answer of [await fetch(`${engine.baseUrl}/health/live`), await fetch(`${engine.baseUrl}/caseload`)]) {
      expect(answer.headers.get('content-security-policy')).toBe(
        "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('lets a route set its own policy: the self-contained survival-curves page', async () => {
    const evaluator = await engine.token('evaluator');
    const answer = await fetch(`${engine.baseUrl}/evaluation/curves?format=html`, { headers: { authorization: `Bearer ${evaluator}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.headers.get('content-security-policy')).toBe(survivalChartCsp());
    expect(answer.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it('sends no CORS headers and refuses preflights clearly when no origin is allowed', async () => {
    const answer = await preflight(engine, origin);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(await answer.json()).toMatchObject({ code: 'CORS_ORIGIN_NOT_ALLOWED', detail: expect.stringContaining('CORS_ORIGINS') });
    const simple = await fetch(`${engine.baseUrl}/health/live`, { headers: { origin } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never limits loopback outside production, so the suites and benchmarks can drive the API hard', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => call(engine, 'GET', '/caseload', { token: 'not-a-token' })));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
  });

  it('refuses a body over 256 KB with 413 as a problem', async () => {
    const coach = await engine.token('coach', 'leeds');
    const answer = await call(engine, 'POST', '/participants', {
      token: coach,
      body: { ...referral(), padding: 'x'.repeat(300 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('CORS and rate limits as configured', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({
      config: { corsOrigins: [origin], rateLimits: { writesPerMinute: 2, authFailuresPerMinute: 3, exempt: [] } },
    });
  });
  afterAll(() => engine.stop());

  it('answers preflights from an allowed origin, and refuses the others', async () => {
    const allowed = await preflight(engine, origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const simple = await fetch(`${engine.baseUrl}/health/live`, { headers: { origin } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(origin);
    expect(simple.headers.get('access-control-expose-headers')).toContain('X-Position');
    expect((await preflight(engine, 'https://elsewhere.example')).status).toBe(403);
  });

  it('limits writes per client with a 429 problem carrying Retry-After and a code; reads go on', async () => {
    const coach = await engine.token('coach', 'leeds');
    const write = () => call(engine, 'POST', '/participants', { token: coach, body: referral({ occurredAt: at('2026-01-05') }) });
    expect([(await write()).status, (await write()).status]).toEqual([201, 201]);
    const refused = await write();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      status: 429,
      code: 'TOO_MANY_WRITES',
      retryAfterSeconds: Number(refused.headers.get('retry-after')),
    });
    expect((await call(engine, 'GET', '/caseload', { token: coach })).status).toBe(200);
  });

  it('after too many authentication failures from one address, refuses it for the rest of the minute', async () => {
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push((await call(engine, 'GET', '/caseload', { token: `bad-${i}` })).status);
    expect(failures).toEqual([401, 401, 401]);
    const refused = await call(engine, 'GET', '/caseload', { token: 'bad-4' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_AUTHENTICATION_FAILURES' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const meanwhile = await call(engine, 'GET', '/caseload', { token: await engine.token('coach', 'leeds') });
    expect(meanwhile.status).toBe(429);
    expect((await fetch(`${engine.baseUrl}/health/live`)).status).toBe(200);
    const metrics = await (await fetch(`${engine.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^workwell_http_request_duration_seconds_count\{method="GET",route="\/caseload",status="429"\} 2$/m);
  });
});

describe('rate limits with an exempt range', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({
      projector: false,
      config: { rateLimits: { writesPerMinute: 1, authFailuresPerMinute: 1, exempt: ['127.0.0.0/8'] } },
    });
  });
  afterAll(() => engine.stop());

  it('never limits a client inside an exempt CIDR range', async () => {
    const coach = await engine.token('coach', 'leeds');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(engine, 'POST', '/participants', { token: coach, body: referral() })).status);
    for (let i = 0; i < 3; i++) statuses.push((await call(engine, 'GET', '/caseload', { token: 'bad' })).status);
    expect(statuses).toEqual([201, 201, 201, 401, 401, 401]);
  });
});
