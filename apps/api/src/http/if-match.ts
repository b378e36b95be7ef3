import { problem, ProblemError } from './problem';

/**
 * The version an `If-Match: W/"<version>"` header names, or undefined without one; refused with
 * 400 INVALID_IF_MATCH otherwise. `etagOf` says what the ETag came from, for the refusal.
 */
export const ifMatchVersion = (header: string | string[] | undefined, etagOf: string): number | undefined => {
  if (header === undefined) return undefined;
  const match = String(header)
    .trim()
    .match(/^(?:W\/)?"(\d{1,9})"$/);
  if (!match) throw new ProblemError(problem(400, 'INVALID_IF_MATCH', 'Invalid request', `If-Match must be the ETag of ${etagOf}.`));
  return Number(match[1]);
};
