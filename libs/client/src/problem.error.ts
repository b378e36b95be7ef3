/** An RFC 9457 problem answered by the API, as a typed error the caller can switch on by `code`. */
export class WorkwellProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'WorkwellProblem';
  }

  /** Field errors of a 400, when the API named them. */
  get errors(): readonly { field: string; message: string }[] {
    return Array.isArray(this.body.errors) ? (this.body.errors as { field: string; message: string }[]) : [];
  }
}

/** The API could not be reached, or kept answering 503, after every retry. */
export class WorkwellUnavailable extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'WorkwellUnavailable';
  }
}
