import { canonicalJson, chainHash } from './hash-chain';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":"é","z":1}]},"b":1}');
  });
});

describe('chainHash', () => {
  const event = { streamId: 'participant-1', version: 1, eventId: 'e1', type: 'ParticipantReferred', schemaVersion: 1, data: { a: 1 }, metadata: { b: 2 }, recordedAt: '2026-01-01T00:00:00.000Z' };

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
