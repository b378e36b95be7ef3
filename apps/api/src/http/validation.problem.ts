import type { ValidationError } from 'class-validator';
import { problem, ProblemError, type Problem } from './problem';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** class-validator starts each message with the property's own name; the answer names the field once, by its full path. */
const withoutName = (message: string, name: string): string =>
  message.startsWith(`${name} `) ? message.slice(name.length + 1) : message.replace(/^property /, '');

const flatten = (errors: readonly ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutName(message, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** One entry per field, its messages joined, in the order the fields were first named. */
export const byField = (problems: readonly FieldProblem[]): FieldProblem[] => {
  const messages = new Map<string, string[]>();
  for (const { field, message } of problems) {
    const known = messages.get(field) ?? [];
    if (!known.includes(message)) known.push(message);
    messages.set(field, known);
  }
  return [...messages].map(([field, list]) => ({ field, message: list.join('; ') }));
};

/** A 400 that names every wrong field once, with why; `field` is the dotted path in the body (`personalDetails.nhsNumber`). */
export const invalidRequest = (problems: readonly FieldProblem[]): Problem => {
  const errors = byField(problems);
  const detail =
    errors.length === 1
      ? `${errors[0].field} ${errors[0].message}`
      : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`;
  return problem(400, 'INVALID_REQUEST', 'Invalid request', detail, { errors });
};

/** The ValidationPipe's answer: every field of the body, nested ones included, in one 400. */
export const validationProblem = (errors: ValidationError[]): ProblemError => new ProblemError(invalidRequest(flatten(errors)));
