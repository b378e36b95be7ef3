import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

/**
 * The fault suite's worst finding: an upper-case spelling of another site's participant id made
 * a second stream behind the same read-model row, and the timeline read that stream after a site
 * check on the row. One participant has one id, whatever its spelling, at every door.
 */
describe('one participant, one id, across sites', () => {
  let engine: Engine;
  let leeds: string;
  let york: string;
  let participantId: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    leeds = await engine.token('coach', 'leeds', 'coach-leeds');
    york = await engine.token('coach', 'york', 'coach-york');
    participantId = (await call(engine, 'POST', '/participants', { token: leeds, body: referral() })).body.participantId as string;
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it("refuses a referral under an upper-case spelling of another site's participant, and records nothing", async () => {
    const before = await engine.db.pool.query('SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM events');
    const keysBefore = await engine.db.pool.query('SELECT count(*)::int AS n FROM participant_keys');
    const answer = await call(engine, 'POST', '/participants', {
      token: york,
      body: referral({ participantId: participantId.toUpperCase(), siteId: 'york' }),
    });
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 409, code: 'PARTICIPANT_ID_TAKEN' });
    const after = await engine.db.pool.query('SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM events');
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect((await engine.db.pool.query('SELECT count(*)::int AS n FROM events WHERE stream_id <> lower(stream_id)')).rows[0].n).toBe(0);
    expect((await engine.db.pool.query('SELECT count(*)::int AS n FROM participant_keys')).rows[0].n).toBe(keysBefore.rows[0].n);
  });

  it('never shows the york coach the leeds participant, under any spelling, on any read', async () => {
    await engine.caughtUp();
    for (const spelling of [participantId, participantId.toUpperCase(), participantId.replace(/[a-f]/, (c) => c.toUpperCase())]) {
      for (const path of [`/participants/${spelling}`, `/participants/${spelling}/timeline`]) {
        const answer = await call(engine, 'GET', path, { token: york });
        expect({ path, status: answer.status, code: answer.body.code }).toEqual({ path, status: 404, code: 'PARTICIPANT_NOT_FOUND' });
        expect(JSON.stringify(answer.body)).not.toContain('Sam Example');
      }
    }
    const caseload = await call(engine, 'GET', '/caseload', { token: york });
    expect(caseload.body).toMatchObject({ siteId: 'york', total: 0 });
  });

  it('keeps the leeds participant on the leeds caseload, reachable under any spelling and answered in lower case', async () => {
    const summary = await call(engine, 'GET', `/participants/${participantId.toUpperCase()}`, { token: leeds });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ participantId, siteId: 'leeds' });
    const timeline = await call(engine, 'GET', `/participants/${participantId.toUpperCase()}/timeline`, { token: leeds });
    expect(timeline.status).toBe(200);
    expect(timeline.body.participantId).toBe(participantId);
    const caseload = await call(engine, 'GET', '/caseload', { token: leeds });
    expect(caseload.body).toMatchObject({ siteId: 'leeds', total: 1 });
  });

  it('records a command sent to an upper-case spelling on the one stream of the participant', async () => {
    const answer = await call(engine, 'POST', `/participants/${participantId.toUpperCase()}/contact-attempts`, {
      token: leeds,
      body: { occurredAt: '2026-01-06T10:00:00Z', method: 'phone', outcome: 'no-answer' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.participantId).toBe(participantId);
    const streams = await engine.db.pool.query('SELECT DISTINCT stream_id FROM events WHERE lower(stream_id) = $1', [
      `participant-${participantId}`,
    ]);
    expect(streams.rows).toEqual([{ stream_id: `participant-${participantId}` }]);
    const york404 = await call(engine, 'POST', `/participants/${participantId.toUpperCase()}/contact-attempts`, {
      token: york,
      body: { occurredAt: '2026-01-06T11:00:00Z', method: 'phone', outcome: 'no-answer' },
    });
    expect(york404.status).toBe(404);
  });

  it('leaves a stream written under another spelling out of every read model, so it cannot stand in for the participant', async () => {
    // As a store written before ids were folded may hold: a york referral under the upper-case id.
    const store = engine.eventStore;
    const { rows } = await engine.db.pool.query(
      'SELECT type, schema_version, data, metadata FROM events WHERE stream_id = $1 AND version = 1',
      [`participant-${participantId}`],
    );
    const first = rows[0] as { type: string; schema_version: number; data: Record<string, unknown>; metadata: Record<string, unknown> };
    await store.append(
      `participant-${participantId.toUpperCase()}`,
      [{ type: first.type, schemaVersion: first.schema_version, data: { ...first.data, siteId: 'york' }, metadata: first.metadata }],
      { expectedVersion: 'no_stream' },
    );
    await engine.caughtUp();
    const row = await engine.db.pool.query('SELECT site_id FROM caseload WHERE participant_id = $1', [participantId]);
    expect(row.rows).toEqual([{ site_id: 'leeds' }]);
    expect((await call(engine, 'GET', `/participants/${participantId}/timeline`, { token: york })).status).toBe(404);
    expect((await call(engine, 'GET', `/participants/${participantId}`, { token: leeds })).status).toBe(200);
  });
});
