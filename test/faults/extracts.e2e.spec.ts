import { randomUUID } from 'node:crypto';
import { startEngine, type Engine } from '../support/engine-harness';
import { seedJourneys } from '../support/seed-journeys';
import { call } from '../api/http.support';

/**
 * The fault suite's rows on extracts: four concurrent first extracts all failed, a failure deleted
 * the shared extracts directory with other extracts' files, sharings were recorded for extracts
 * without files, and the advertised Idempotency-Key made two extracts.
 */
describe('evaluation extracts under concurrency, failure and retries', () => {
  let engine: Engine;
  let evaluator: string;
  const body = { recipient: 'DWP Evaluation Unit', agreementReference: 'DSA-2026-014' };
  const sharings = async () =>
    Number((await engine.db.pool.query(`SELECT count(*) FROM events WHERE type = 'EvaluationExtractShared'`)).rows[0].count);

  beforeAll(async () => {
    // Extracts are as of now: the recording clock is the real one, as the seeded events' recording times are.
    engine = await startEngine({ now: new Date() });
    await seedJourneys(engine.eventStore, { participants: 12, seed: 4 });
    engine.now = new Date();
    evaluator = await engine.token('evaluator');
  });
  afterAll(() => engine.stop());

  it('makes four concurrent first extracts, each in its own directory with its files, each recorded once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(4);
    expect(await sharings()).toBe(4);
    for (const answer of answers) {
      for (const file of answer.body.files as { href: string }[])
        expect((await fetch(`${engine.baseUrl}${file.href}`, { headers: { authorization: `Bearer ${evaluator}` } })).status).toBe(200);
    }
  });

  it('removes only its own directory when an extract fails, and records nothing for it', async () => {
    const kept = await call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body });
    const before = await sharings();
    const failed = await call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body: { ...body, siteId: 'nowhere' } });
    expect({ status: failed.status, code: failed.body.code }).toEqual({ status: 422, code: 'EMPTY_EXTRACT' });
    expect(await sharings()).toBe(before);
    const episodes = await fetch(`${engine.baseUrl}/evaluation/extracts/${kept.body.id}/episodes.csv`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    expect(episodes.status).toBe(200);
    expect((await episodes.text()).split('\n').length).toBeGreaterThan(10);
  });

  it('honours the Idempotency-Key: one extract and one sharing however many retries, concurrent or later; another request with the key is 422', async () => {
    const key = randomUUID();
    const before = await sharings();
    const headers = { 'idempotency-key': key };
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body, headers })),
    );
    expect(concurrent.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(concurrent.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(concurrent.map((a) => a.body.manifestSha256)).size).toBe(1);
    const later = await call(engine, 'POST', '/evaluation/extracts', { token: evaluator, body, headers });
    expect(later.status).toBe(201);
    expect(later.body.id).toBe(concurrent[0].body.id);
    expect(later.headers.get('idempotent-replay')).toBe('true');
    expect(await sharings()).toBe(before + 1);
    const other = await call(engine, 'POST', '/evaluation/extracts', {
      token: evaluator,
      body: { ...body, recipient: 'Someone Else' },
      headers,
    });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await sharings()).toBe(before + 1);
  });
});
