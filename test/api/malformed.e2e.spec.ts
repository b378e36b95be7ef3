import fc from 'fast-check';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { participantEndpoints } from './endpoints.support';
import { call, eventCount } from './http.support';

const requests = 10_000;
const inFlight = 16;

type Malformed = { endpoint: number; body: unknown; raw?: string };

/** A request that is wrong in at least one way the API must catch: never a valid body by accident. */
const malformed = (endpoints: number): fc.Arbitrary<Malformed> =>
  fc.oneof(
    fc
      .record({
        endpoint: fc.nat(endpoints - 1),
        field: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !['occurredAt', '__proto__', 'constructor'].includes(s)),
        value: fc.anything(),
      })
      .map(({ endpoint, field, value }) => ({
        endpoint,
        body: { occurredAt: value, [`x_${field}`]: value },
      })),
    fc
      .record({
        endpoint: fc.nat(endpoints - 1),
        value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.object()),
      })
      .map(({ endpoint, value }) => ({
        endpoint,
        body: { occurredAt: value },
      })),
    fc
      .record({
        endpoint: fc.nat(endpoints - 1),
        value: fc.oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.integer(), fc.string(), fc.constant(null)),
      })
      .map(({ endpoint, value }) => ({ endpoint, body: value })),
    fc
      .record({ endpoint: fc.nat(endpoints - 1), raw: fc.string({ maxLength: 40 }).map((s) => `{"occurredAt": ${s}`) })
      .map(({ endpoint, raw }) => ({ endpoint, body: undefined, raw })),
  );

describe('randomly malformed requests', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z'), projector: false });
  });
  afterAll(() => engine.stop());

  it(`answer ${requests} malformed requests without a single 500 and store nothing`, async () => {
    const coach = await engine.token('coach', 'leeds');
    const participant = (await call(engine, 'POST', '/participants', { token: coach, body: referral() })).body.participantId as string;
    const endpoints = [
      { method: 'POST' as const, path: '/participants' },
      ...participantEndpoints(participant).filter((e) => e.method === 'POST'),
    ];
    const before = await eventCount(engine);
    const samples = fc.sample(malformed(endpoints.length), { numRuns: requests, seed: 20261122 });
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < samples.length; i += inFlight) {
      const answers = await Promise.all(
        samples.slice(i, i + inFlight).map(async (sample) => {
          const endpoint = endpoints[sample.endpoint];
          const answer = await call(engine, 'POST', endpoint.path, { token: coach, body: sample.raw ?? sample.body ?? null });
          if (answer.status >= 500)
            serverErrors.push(
              `${endpoint.path} ${JSON.stringify(sample).slice(0, 200)} -> ${answer.status} ${JSON.stringify(answer.body)}`,
            );
          return answer.status;
        }),
      );
      for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(serverErrors.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].every((status) => status === 400)).toBe(true);
    expect(await eventCount(engine)).toBe(before);
  }, 180_000); // ten thousand HTTP round trips: about 25 s alone, more on a loaded 2-core CI machine
});
