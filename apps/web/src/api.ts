import { HttpTransport, WorkwellProblem } from '@workwell/client';
import type { Session } from './session';

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The API on the same origin, through the client library's transport: the bearer token on every
 * call, problems as WorkwellProblem. A 401 ends the session, whatever page asked.
 */
export class Api {
  constructor(
    private readonly session: Session,
    private readonly onUnauthorised: (problem: WorkwellProblem) => void,
  ) {}

  private transport(purpose?: string): HttpTransport {
    return new HttpTransport({ baseUrl: location.origin, token: () => this.session.token ?? '', purpose, maxAttempts: 2 });
  }

  async get<T>(path: string, query: Query = {}, purpose?: string): Promise<T> {
    return this.guard(async () => (await this.transport(purpose).send<T>('GET', path, undefined, { query })).body);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.guard(async () => (await this.transport().send<T>('POST', path, body)).body);
  }

  /** A file the API answers (CSV, HTML, JSON), saved under `filename`: a link cannot carry the bearer token. */
  async download(path: string, filename: string, query: Query = {}): Promise<void> {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.session.token ?? ''}` } });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      const problem = new WorkwellProblem(
        response.status,
        String(body.code ?? 'UNKNOWN'),
        String(body.type ?? 'about:blank'),
        String(body.title ?? response.statusText),
        String(body.detail ?? ''),
        body,
      );
      if (response.status === 401) this.onUnauthorised(problem);
      throw problem;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof WorkwellProblem && error.status === 401) this.onUnauthorised(error);
      throw error;
    }
  }
}
