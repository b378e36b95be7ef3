import { createHmac } from 'node:crypto';
import { canonicalJson } from '@workwell/event-store';
import { problem, ProblemError } from '../http/problem';

const keyPattern = /^[A-Za-z0-9._:-]{8,200}$/;

/** The Idempotency-Key header, when it is one: a retry of a write with the same key records nothing twice. */
export const validIdempotencyKey = (key: string | string[] | undefined): string | undefined => {
  if (key === undefined) return undefined;
  const value = Array.isArray(key) ? key[0] : key;
  if (!keyPattern.test(value)) {
    throw new ProblemError(
      problem(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Invalid request',
        'Idempotency-Key must be 8 to 200 letters, digits or . _ : - (a UUID is ideal).',
      ),
    );
  }
  return value;
};

/** What a write answers: status, headers and body, rebuilt the same for a retry from the recorded events. */
export interface CommandAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const fingerprintKeys = new WeakMap<Buffer, Buffer>();

/**
 * What a request was (method, path and a keyed digest of its body), kept with what it recorded so
 * that an idempotency key reused for another request is refused. The body is only ever kept as a
 * keyed digest: it may hold personal data.
 */
export const requestLineOf = (masterKey: Buffer, request: { method: string; url: string; body?: unknown }): string => {
  let key = fingerprintKeys.get(masterKey);
  if (!key) fingerprintKeys.set(masterKey, (key = createHmac('sha256', masterKey).update('workwell idempotency fingerprint').digest()));
  const digest = createHmac('sha256', key)
    .update(canonicalJson(request.body ?? null))
    .digest('base64url')
    .slice(0, 22);
  return `${request.method} ${request.url.split('?')[0]} ${digest}`;
};

export const keyReused = (): ProblemError =>
  new ProblemError(
    problem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency key reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    ),
  );
