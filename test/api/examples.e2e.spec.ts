import fs from 'node:fs';
import path from 'node:path';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

const root = path.resolve(__dirname, '..', '..');
const example = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));

/** The bodies the README's walk-through sends, in the order of a journey: each must be accepted as it is. */
const journey: [string, string][] = [
  ['triage', 'triage.json'],
  ['contact-attempts', 'contact-attempt.json'],
  ['consents', 'consent.json'],
  ['assessment', 'assessment.json'],
  ['action-plans', 'action-plan.json'],
  ['sessions', 'session.json'],
  ['outcomes', 'outcome.json'],
  ['discharge', 'discharge.json'],
];

describe('examples/ and the README walk-through', () => {
  let engine: Engine;
  beforeAll(async () => {
    // Today's clock, as on a fresh install: the examples' business times are in the past.
    engine = await startEngine({ now: new Date() });
  });
  afterAll(() => engine.stop());

  it('names only example files that exist, and nothing a fresh Linux lacks', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/@examples\/([\w.-]+\.json)/g)].map((m) => m[1]);
    expect(named).toEqual(expect.arrayContaining(['referral.json', 'triage.json']));
    for (const name of named) expect({ name, exists: fs.existsSync(path.join(root, 'examples', name)) }).toEqual({ name, exists: true });
    expect(readme).not.toContain('uuidgen');
  });

  it('records a whole journey from the example bodies and shows the participant on the caseload', async () => {
    const coach = await engine.token('coach', 'leeds', 'coach-1');
    const referred = await call(engine, 'POST', '/participants', {
      token: coach,
      body: example('referral.json'),
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(referred.status).toBe(201);
    const id = referred.body.participantId as string;
    const caseload = await call(engine, 'GET', `/caseload?minPosition=${referred.headers.get('x-position')}`, { token: coach });
    expect(caseload.body).toMatchObject({ total: 1, items: [{ participantId: id, name: 'Sam Example' }] });
    for (const [endpoint, file] of journey) {
      const answer = await call(engine, 'POST', `/participants/${id}/${endpoint}`, { token: coach, body: example(file) });
      expect({ file, status: answer.status, code: answer.body.code }).toEqual({ file, status: 200, code: undefined });
    }
    // Events carry the store's recording time; the as-of point "now" is the API's clock, moved past them.
    engine.now = new Date(Date.now() + 1_000);
    const extract = await call(engine, 'POST', '/evaluation/extracts', {
      token: await engine.token('evaluator'),
      body: example('extract.json'),
    });
    expect({ status: extract.status, code: extract.body.code }).toEqual({ status: 201, code: undefined });
    expect(extract.body).toMatchObject({ manifest: { rows: 1 } });
  });
});
