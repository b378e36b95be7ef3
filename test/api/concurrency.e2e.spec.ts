import { randomUUID } from 'node:crypto';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call, eventCount } from './http.support';

describe('concurrent coaches and retrying clients', () => {
  let engine: Engine;
  let coach: string;
  let participant: string;
  const session = (day: string) => ({ occurredAt: at(day), mode: 'phone', durationMinutes: 30 });

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z'), projector: false });
    coach = await engine.token('coach', 'leeds');
    participant = (await call(engine, 'POST', '/participants', { token: coach, body: referral() })).body.participantId as string;
    await call(engine, 'POST', `/participants/${participant}/triage`, {
      token: coach,
      body: { occurredAt: at('2026-01-05', '12:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' },
    });
  });
  afterAll(() => engine.stop());

  it('returns the version as a weak ETag and refuses a stale If-Match with 412', async () => {
    const first = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-01-06'),
      headers: { 'if-match': 'W/"2"' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('W/"3"');
    const stale = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-01-07'),
      headers: { 'if-match': 'W/"2"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 3 });
    expect(
      (
        await call(engine, 'POST', `/participants/${participant}/sessions`, {
          token: coach,
          body: session('2026-01-07'),
          headers: { 'if-match': 'seven' },
        })
      ).status,
    ).toBe(400);
  });

  it('lets no concurrent write silently win: each answer is 200 or 409 and only the 200s are stored', async () => {
    const before = await eventCount(engine);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(engine, 'POST', `/participants/${participant}/sessions`, {
          token: coach,
          body: session(`2026-02-${String(i + 1).padStart(2, '0')}`),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeGreaterThan(0);
    expect(await eventCount(engine)).toBe(before + accepted);
    const versions = answers.filter((a) => a.status === 200).map((a) => a.body.version);
    expect(new Set(versions).size).toBe(accepted);
    for (const conflict of answers.filter((a) => a.status === 409)) expect(conflict.body.code).toBe('CONCURRENCY_CONFLICT');
  });

  it('answers a retry with the same Idempotency-Key with the first response and records once', async () => {
    const key = randomUUID();
    const before = await eventCount(engine);
    const first = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-03-02'),
      headers: { 'idempotency-key': key },
    });
    const retry = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-03-02'),
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(await eventCount(engine)).toBe(before + 1);
  });

  it('records once when the same keyed request races itself', async () => {
    const key = randomUUID();
    const before = await eventCount(engine);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(engine, 'POST', `/participants/${participant}/sessions`, {
          token: coach,
          body: session('2026-03-09'),
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(await eventCount(engine)).toBe(before + 1);
  });

  it('refuses a key reused for a different request', async () => {
    const key = randomUUID();
    await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-03-16'),
      headers: { 'idempotency-key': key },
    });
    const reused = await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      body: session('2026-03-17'),
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives a retried referral the same participant', async () => {
    const key = randomUUID();
    const first = await call(engine, 'POST', '/participants', { token: coach, body: referral(), headers: { 'idempotency-key': key } });
    const retry = await call(engine, 'POST', '/participants', { token: coach, body: referral(), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.participantId).toBe(first.body.participantId);
    expect(retry.headers.get('location')).toBe(`/participants/${first.body.participantId}`);
  });
});
