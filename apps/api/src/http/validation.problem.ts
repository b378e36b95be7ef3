import type { ValidationError } from 'class-validator';
import { problem, ProblemError } from './problem';

const flatten = (errors: readonly ValidationError[], prefix = ''): { field: string; message: string }[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** A 400 that names every field that is wrong and why. */
export const validationProblem = (errors: ValidationError[]): ProblemError => {
  const fields = flatten(errors);
  const detail =
    fields.length === 1
      ? `${fields[0].field}: ${fields[0].message}`
      : `${fields.length} fields are invalid: ${fields.map((f) => f.field).join(', ')}`;
  return new ProblemError(problem(400, 'INVALID_REQUEST', 'Invalid request', detail, { errors: fields }));
};
