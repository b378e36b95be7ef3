/** RFC 9457 problem details; `type` is a stable URN per error code that clients may switch on. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  readonly [extension: string]: unknown;
}

export const problemType = (code: string): string => `urn:workwell:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem => ({
  type: problemType(code),
  title,
  status,
  detail,
  code,
  ...extensions,
});

/** Thrown by handlers and guards; the filter renders it as application/problem+json. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}
