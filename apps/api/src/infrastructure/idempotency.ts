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
