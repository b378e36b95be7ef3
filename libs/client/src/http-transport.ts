import { WorkwellProblem, WorkwellUnavailable } from './problem.error';

export interface TransportOptions {
  /** e.g. `http://localhost:3000` */
  readonly baseUrl: string;
  /** A bearer token, or a function returning a fresh one. */
  readonly token: string | (() => string | Promise<string>);
  /** Attempts for a write that failed on the network or with 503 (same Idempotency-Key each time). */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly fetch?: typeof fetch;
  /** Sent as X-Purpose on reads of personal data. */
  readonly purpose?: string;
}

export interface Sent<T> {
  readonly status: number;
  readonly body: T;
  /** The stream version from the ETag `W/"<n>"`, when the response carried one. */
  readonly version: number | undefined;
}

export interface RequestOptions {
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
}

const etagVersion = (etag: string | null): number | undefined => {
  const match = etag?.match(/^W\/"(\d+)"$/);
  return match ? Number(match[1]) : undefined;
};

const newKey = (): string => globalThis.crypto.randomUUID();

/** fetch with the API's conventions: bearer token, idempotent retries, ETags, problem errors. */
export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  async send<T>(method: 'GET' | 'POST', path: string, body?: unknown, request: RequestOptions = {}): Promise<Sent<T>> {
    const url = new URL(path, this.options.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const write = method !== 'GET';
    const idempotencyKey = write ? (request.idempotencyKey ?? newKey()) : undefined;
    const attempts = this.options.maxAttempts ?? 4;
    let lastFailure = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.token()}`,
        accept: 'application/json, application/problem+json',
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      if (request.ifMatch !== undefined) headers['if-match'] = `W/"${request.ifMatch}"`;
      if (this.options.purpose) headers['x-purpose'] = this.options.purpose;
      let response: Response;
      try {
        response = await (this.options.fetch ?? fetch)(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        lastFailure = (error as Error).message;
        await this.pause(attempt);
        continue;
      }
      if (response.status === 503 && attempt < attempts) {
        lastFailure = 'HTTP 503';
        await response.body?.cancel();
        await this.pause(attempt);
        continue;
      }
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (!response.ok) {
        throw new WorkwellProblem(
          response.status,
          String(parsed.code ?? 'UNKNOWN'),
          String(parsed.type ?? 'about:blank'),
          String(parsed.title ?? response.statusText),
          String(parsed.detail ?? text),
          parsed,
        );
      }
      return { status: response.status, body: parsed as T, version: etagVersion(response.headers.get('etag')) };
    }
    throw new WorkwellUnavailable(`${method} ${url.pathname} failed after ${attempts} attempts (${lastFailure})`, attempts);
  }

  private async token(): Promise<string> {
    return typeof this.options.token === 'function' ? this.options.token() : this.options.token;
  }

  private pause(attempt: number): Promise<void> {
    const base = this.options.retryDelayMs ?? 200;
    return new Promise((resolve) => setTimeout(resolve, base * 2 ** (attempt - 1)));
  }
}
