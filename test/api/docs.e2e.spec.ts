import { startEngine, type Engine } from '../support/engine-harness';

/** Every src=, href= and CSS url() a page or stylesheet loads. */
const references = (text: string): string[] => [
  ...[...text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ...[...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]),
  ...[...text.matchAll(/@import\s+["']([^"']+)["']/g)].map((m) => m[1]),
];

const external = (reference: string): boolean => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(reference) && !reference.startsWith('data:');

describe('the API reference page at /docs', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ projector: false });
  });
  afterAll(() => engine.stop());

  it('answers 200 with Swagger UI, every asset served by the API itself and nothing from another host', async () => {
    const page = await fetch(`${engine.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const assets = references(html).filter((reference) => !reference.startsWith('#'));
    expect(assets.length).toBeGreaterThanOrEqual(4);
    expect(assets.filter(external)).toEqual([]);

    const seen = new Set<string>();
    const pending = assets.map((asset) => new URL(asset, `${engine.baseUrl}/docs`).toString());
    while (pending.length > 0) {
      const url = pending.pop()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const answer = await fetch(url);
      expect({ url, status: answer.status }).toEqual({ url, status: 200 });
      expect(new URL(url).host).toBe(new URL(engine.baseUrl).host);
      // Read every body: a response left unread keeps its connection busy and the server from closing.
      const body = await answer.text();
      if (!url.endsWith('.css')) continue;
      const nested = references(body).filter((reference) => !reference.startsWith('data:') && !reference.startsWith('#'));
      expect(nested.filter(external)).toEqual([]);
      pending.push(...nested.map((reference) => new URL(reference, url).toString()));
    }
    expect([...seen].some((url) => url.endsWith('swagger-ui-bundle.js'))).toBe(true);
  });

  it('starts Swagger UI on the served document, with no validator badge or spec fetched from elsewhere', async () => {
    const init = await fetch(`${engine.baseUrl}/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    const script = await init.text();
    expect(script).toContain('"validatorUrl": null');
    expect(script).toContain('WorkWell Journey Engine API');
    // The init script holds the whole document: no address of another host in it (the bundle's own strings are library text, never fetched).
    expect(script.match(/https?:\/\/[^\s"'`)]+/g) ?? []).toEqual([]);
  });
});
