import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '@workwell/event-store';
import { pseudonymKeyFingerprint, pseudonymOf } from '@workwell/evaluation';
import { requestLineOf } from '../../apps/api/src/infrastructure/idempotency';

/**
 * Request fingerprints are stored with the events they recorded and pseudonyms are published in
 * extracts: however they are computed, they must stay the HMAC-SHA256 they were defined as.
 */
describe('keyed digests stay the HMAC-SHA256 they were defined as', () => {
  const key = fc.uint8Array({ minLength: 0, maxLength: 80 }).map((bytes) => Buffer.from(bytes));

  it('pseudonyms: HMAC of "participant:<id>" under the pseudonym key, whichever key comes first or again', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string()), { minLength: 1, maxLength: 6 }), (cases) => {
        for (const [k, id] of [...cases, ...cases]) {
          const expected = createHmac('sha256', k).update(`participant:${id}`).digest('base64url').slice(0, 22);
          expect(pseudonymOf(k, id)).toBe(expected);
          expect(pseudonymKeyFingerprint(k)).toBe(
            createHmac('sha256', k).update('workwell:pseudonym-key-fingerprint').digest('hex').slice(0, 16),
          );
        }
      }),
    );
  });

  it('request lines: method, path without the query, and the HMAC of the canonical body under a key derived from the master key', () => {
    fc.assert(
      fc.property(key, fc.jsonValue(), fc.webPath(), (masterKey, body, path) => {
        const fingerprintKey = createHmac('sha256', masterKey).update('workwell idempotency fingerprint').digest();
        const digest = createHmac('sha256', fingerprintKey).update(canonicalJson(body)).digest('base64url').slice(0, 22);
        const line = requestLineOf(masterKey, { method: 'POST', url: `/x${path}?a=1`, body });
        expect(line).toBe(`POST /x${path.split('?')[0]} ${digest}`);
        expect(requestLineOf(masterKey, { method: 'POST', url: `/x${path}?a=1`, body })).toBe(line);
      }),
    );
  });

  it('pins one known pseudonym, so that a change of definition cannot pass by changing both sides', () => {
    expect(pseudonymOf(Buffer.alloc(32, 4), 'participant-1')).toBe('omZ6dWjmvANXAUL6wOJHic');
  });
});
