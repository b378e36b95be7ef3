import { commandRoutes } from '../../apps/api/src/operations/command-routes';
import { call } from '../api/http.support';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';

const scrape = async (engine: Engine): Promise<string> => {
  const response = await fetch(`${engine.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return response.text();
};

/** The value of one sample, labels given in the order they are exposed. */
const sample = (text: string, name: string, labels: Record<string, string | number> = {}): number | undefined => {
  const rendered = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const selector = rendered.length ? `${name}{${rendered.join(',')}}` : name;
  const line = text.split('\n').find((l) => l.startsWith(`${selector} `));
  return line === undefined ? undefined : Number(line.slice(selector.length + 1));
};

describe('GET /metrics (prom-client)', () => {
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
    // Refused by a journey rule, by If-Match, and a sharing blocked for want of consent (recorded and refused).
    await call(engine, 'POST', `/participants/${participant}/triage`, {
      token: coach,
      body: { occurredAt: at('2026-01-05', '13:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' },
    });
    await call(engine, 'POST', `/participants/${participant}/sessions`, {
      token: coach,
      headers: { 'if-match': 'W/"1"' },
      body: { occurredAt: at('2026-01-06'), mode: 'phone', durationMinutes: 30 },
    });
    await call(engine, 'POST', `/participants/${participant}/employer-liaisons`, {
      token: coach,
      body: { occurredAt: at('2026-01-09'), employerId: 'employer-1', topic: 'phased-return', dataCategories: ['action-plan'] },
    });
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it('exposes the process metrics: CPU, memory, event-loop lag, GC, heap', async () => {
    const text = await scrape(engine);
    for (const family of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_active_handles_total',
    ])
      expect(text).toMatch(new RegExp(`^# TYPE ${family} `, 'm'));
  });

  it('times HTTP requests by method, route template and status', async () => {
    const text = await scrape(engine);
    const count = (labels: Record<string, string>) => sample(text, 'workwell_http_request_duration_seconds_count', labels);
    expect(count({ method: 'POST', route: '/participants', status: '201' })).toBe(1);
    expect(count({ method: 'POST', route: '/participants/:participantId/triage', status: '200' })).toBe(1);
    expect(count({ method: 'POST', route: '/participants/:participantId/triage', status: '422' })).toBe(1);
    expect(text).toMatch(
      /^workwell_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/participants",status="201"\} 1$/m,
    );
  });

  it('counts commands recorded and refused by type and code, a blocked sharing as both', async () => {
    const text = await scrape(engine);
    expect(sample(text, 'workwell_commands_recorded_total', { command: 'ReferParticipant' })).toBe(1);
    expect(sample(text, 'workwell_commands_recorded_total', { command: 'TriageReferral' })).toBe(1);
    expect(sample(text, 'workwell_commands_refused_total', { command: 'TriageReferral', code: 'ALREADY_TRIAGED' })).toBe(1);
    expect(sample(text, 'workwell_commands_refused_total', { command: 'RecordCoachingSession', code: 'STALE_VERSION' })).toBe(1);
    expect(sample(text, 'workwell_commands_recorded_total', { command: 'RecordEmployerLiaison' })).toBe(1);
    expect(sample(text, 'workwell_commands_refused_total', { command: 'RecordEmployerLiaison', code: 'SHARING_BLOCKED' })).toBe(1);
  });

  it('counts appends and appended events, and the pool in use, idle and waiting', async () => {
    const text = await scrape(engine);
    const { rows } = await engine.db.pool.query<{ count: string }>('SELECT count(*) FROM events');
    expect(sample(text, 'workwell_event_store_appends_total', { result: 'appended' })).toBe(3);
    expect(sample(text, 'workwell_event_store_appended_events_total')).toBe(Number(rows[0].count));
    expect(sample(text, 'workwell_event_store_append_duration_seconds_count')).toBe(3);
    expect(sample(text, 'workwell_db_pool_connections', { pool: 'primary', state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'workwell_db_pool_connections', { pool: 'primary', state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'workwell_db_pool_waiting_clients', { pool: 'primary' })).toBe(0);
    expect(sample(text, 'workwell_db_pool_max_connections', { pool: 'primary' })).toBe(20);
  });

  it('reports projection lag as a count of events and the age of the oldest one not yet applied', async () => {
    const caseload = { projection: 'caseload', version: 3, generation: 0, state: 'live' };
    const before = await scrape(engine);
    expect(sample(before, 'workwell_projection_lag_events', caseload)).toBe(0);
    expect(sample(before, 'workwell_projection_lag_seconds', caseload)).toBe(0);

    await engine.projector.stop();
    for (const minute of ['10', '20', '30'])
      await call(engine, 'POST', `/participants/${participant}/contact-attempts`, {
        token: coach,
        body: { occurredAt: at('2026-01-06', `09:${minute}:00`), method: 'phone', outcome: 'no-answer' },
      });
    const { rows } = await engine.db.pool.query<{ recorded_at: Date }>(
      'SELECT min(recorded_at) AS recorded_at FROM events WHERE type = $1',
      ['ContactAttempted'],
    );
    engine.now = new Date(rows[0].recorded_at.getTime() + 90_000);
    const after = await scrape(engine);
    expect(sample(after, 'workwell_projection_lag_events', caseload)).toBe(3);
    expect(sample(after, 'workwell_projection_lag_seconds', caseload)).toBeCloseTo(90, 0);
    expect(sample(after, 'workwell_projection_position', caseload)).toBeLessThan(sample(after, 'workwell_event_store_head_position')!);
  });

  it('knows the command behind every journey write route the API serves', async () => {
    const spec = (await call(engine, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(spec.paths)
      .filter(([path, methods]) => path.startsWith('/participants') && 'post' in methods)
      .map(([path]) => `POST ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(writes.length).toBeGreaterThan(15);
    expect(writes.filter((route) => !(route in commandRoutes))).toEqual([]);
    expect(Object.keys(commandRoutes).filter((route) => !writes.includes(route))).toEqual([]);
  });
});
