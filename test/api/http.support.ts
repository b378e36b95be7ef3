import type { Engine } from '../support/engine-harness';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One raw HTTP call, for tests that need to see exactly what goes over the wire. */
export const call = async (
  engine: Engine,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${engine.baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
};

export const eventCount = async (engine: Engine): Promise<number> =>
  Number((await engine.db.pool.query('SELECT count(*) FROM events')).rows[0].count);
