import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, chainHash } from './hash-chain';

/** The definition, written the plain way: JSON.stringify's text with every object's keys in default sort order. */
const sortedText = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedText).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${sortedText((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":"é","z":1}]},"b":1}',
    );
  });

  it('is JSON.stringify with sorted keys for any JSON value, keys needing escapes and integer-like keys included', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', 'a"b', 'é', '__proto__x', 'Z', 'a'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(sortedText(v));
      }),
      { numRuns: 500 },
    );
  });
});

describe('chainHash', () => {
  const event = {
    streamId: 'participant-1',
    version: 1,
    eventId: 'e1',
    type: 'ParticipantReferred',
    schemaVersion: 1,
    data: { a: 1 },
    metadata: { b: 2 },
    recordedAt: '2026-01-01T00:00:00.000Z',
  };

  it('is the same for the same event however its keys were ordered', () => {
    expect(chainHash(null, event)).toBe(chainHash(null, { ...event, data: { a: 1 }, metadata: { b: 2 } }));
    expect(chainHash(null, event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field or the previous hash changes', () => {
    const base = chainHash(null, event);
    expect(chainHash('00', event)).not.toBe(base);
    expect(chainHash(null, { ...event, data: { a: 2 } })).not.toBe(base);
    expect(chainHash(null, { ...event, version: 2 })).not.toBe(base);
    expect(chainHash(null, { ...event, recordedAt: '2026-01-01T00:00:00.001Z' })).not.toBe(base);
  });
});

describe('chainHash compatibility', () => {
  it('hashes the canonical envelope of the event after the previous hash', () => {
    const event = {
      streamId: 's-1',
      version: 3,
      eventId: 'e3',
      type: 'T',
      schemaVersion: 2,
      data: { z: [1, { b: 'é', a: null }], a: 1.5 },
      metadata: { actor: 'a' },
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    const expected = createHash('sha256').update('prev').update('\n').update(canonicalJson(event)).digest('hex');
    expect(chainHash('prev', event)).toBe(expected);
  });

  it('serialises like JSON.stringify: toJSON, omitted members, null in arrays', () => {
    const value = { when: new Date('2026-01-01T00:00:00.000Z'), f: () => 1, u: undefined, list: [undefined, () => 1, 2] };
    expect(canonicalJson(value)).toBe('{"list":[null,null,2],"when":"2026-01-01T00:00:00.000Z"}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
