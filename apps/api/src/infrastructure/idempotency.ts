import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { canonicalJson } from '@workwell/event-store';
import { problem, ProblemError } from '../http/problem';

export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const keyPattern = /^[A-Za-z0-9._:-]{8,200}$/;

export const requestFingerprint = (method: string, path: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');

export const validIdempotencyKey = (key: string | string[] | undefined): string | undefined => {
  if (key === undefined) return undefined;
  const value = Array.isArray(key) ? key[0] : key;
  if (!keyPattern.test(value)) {
    throw new ProblemError(problem(400, 'INVALID_IDEMPOTENCY_KEY', 'Invalid request', 'Idempotency-Key must be 8 to 200 letters, digits or . _ : - (a UUID is ideal).'));
  }
  return value;
};

/**
 * The first response to a write with a given Idempotency-Key, so that a retry gets it back.
 * A key reused for a different request is refused rather than silently answered.
 */
export class IdempotentResponses {
  constructor(private readonly pool: Pool) {}

  async find(key: string, userId: string, fingerprint: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.pool.query('SELECT user_id, request_hash, status, headers, body FROM api_idempotency WHERE idempotency_key = $1', [key]);
    if (rows.length === 0) return undefined;
    if (rows[0].user_id !== userId || rows[0].request_hash !== fingerprint) {
      throw new ProblemError(problem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was already used for a different request; use a new key for a new request.'));
    }
    return { status: rows[0].status, headers: rows[0].headers, body: rows[0].body };
  }

  async remember(key: string, userId: string, fingerprint: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `INSERT INTO api_idempotency (idempotency_key, user_id, request_hash, status, headers, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [key, userId, fingerprint, response.status, JSON.stringify(response.headers), JSON.stringify(response.body)],
    );
  }
}
