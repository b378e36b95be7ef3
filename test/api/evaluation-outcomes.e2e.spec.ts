import { seedJourneys } from '../support/seed-journeys';
import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

interface OutcomesPage {
  position: number;
  page?: number;
  pageSize: number;
  next: string | null;
  records: { pseudonym: string; episode: number; siteId: string }[];
}

describe('GET /evaluation/outcomes, walked page by page', () => {
  let engine: Engine;
  let evaluator: string;
  let ids: string[];

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    await seedJourneys(engine.eventStore, { participants: 25, seed: 12 });
    await engine.caughtUp();
    evaluator = await engine.token('evaluator');
    ids = (await engine.db.pool.query<{ participant_id: string }>('SELECT DISTINCT participant_id FROM outcome_facts')).rows.map(
      (row) => row.participant_id,
    );
  });
  afterAll(() => engine.stop());

  const get = async (query: string) => call(engine, 'GET', `/evaluation/outcomes${query}`, { token: evaluator });
  const pageOf = async (query: string) => (await get(query)).body as unknown as OutcomesPage;
  const key = (record: OutcomesPage['records'][number]) => `${record.pseudonym}/${record.episode}`;

  it('gives every episode once by following next, and the same episodes in the same order as numbered pages', async () => {
    const episodes = Number((await engine.db.pool.query('SELECT count(*) FROM outcome_facts')).rows[0].count);
    expect(episodes).toBeGreaterThanOrEqual(25);
    const walked: OutcomesPage['records'] = [];
    let pages = 0;
    // Bounded: a token that did not move on would otherwise walk forever.
    for (let after: string | null = ''; after !== null && pages < 50; pages++) {
      const answer = await get(`?pageSize=7${after === '' ? '' : `&after=${after}`}`);
      expect(answer.status).toBe(200);
      const body = answer.body as unknown as OutcomesPage;
      expect(body.records.length).toBeLessThanOrEqual(7);
      expect(body.position).toBeGreaterThan(0);
      walked.push(...body.records);
      after = body.next;
    }
    expect(pages).toBe(Math.ceil(episodes / 7));
    expect(new Set(walked.map(key)).size).toBe(episodes);

    const numbered: OutcomesPage['records'] = [];
    for (let page = 1; page <= pages; page++) numbered.push(...(await pageOf(`?pageSize=7&page=${page}`)).records);
    expect(numbered.map(key)).toEqual(walked.map(key));
  });

  it('keeps the internal ids out of the records and out of the next token', async () => {
    const body = await pageOf('?pageSize=3');
    expect(body.next).toMatch(/^[A-Za-z0-9_-]+$/);
    const text = JSON.stringify(body) + Buffer.from(body.next!, 'base64url').toString('latin1');
    for (const id of ids) expect(text).not.toContain(id);
  });

  it('refuses a token it did not make, an altered one, and after with page, naming the parameter', async () => {
    const { next } = await pageOf('?pageSize=3');
    const altered = next!.slice(0, -2) + (next!.endsWith('AA') ? 'BB' : 'AA');
    for (const query of [`?after=${altered}`, `?after=${'x'.repeat(60)}`, `?after=short`, `?after=${next}&page=2`]) {
      const answer = await get(query);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'after' })] });
    }
  });

  it('follows a site filter across pages', async () => {
    const sites = new Set<string>();
    for (let after: string | null = '', pages = 0; after !== null && pages < 50; pages++) {
      const body = await pageOf(`?siteId=york&pageSize=4${after === '' ? '' : `&after=${after}`}`);
      for (const record of body.records) sites.add(record.siteId);
      after = body.next;
    }
    expect([...sites]).toEqual(['york']);
  });
});
