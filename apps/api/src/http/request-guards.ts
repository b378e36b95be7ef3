import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, ProblemError, type Problem } from './problem';

/** No request body of this API nests deeper than 4 levels; 32 leaves room and stops a 10,000-level body long before class-transformer recurses into it. */
export const MAX_BODY_DEPTH = 32;
/** The largest body Fastify reads; anything larger is a 413 before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** How deep a parsed JSON value nests, walked without recursion (the point is to survive what recursion would not). */
export const depthOf = (value: unknown, limit: number): number => {
  const stack: [unknown, number][] = [[value, 0]];
  let deepest = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, level]);
  }
  return deepest;
};

const tooDeep = (): ProblemError =>
  new ProblemError(
    problem(400, 'BODY_TOO_DEEP', 'Invalid request', `The request body nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep.`),
  );

/**
 * Refuses bodies nested deeper than any request of this API before validation or transformation
 * sees them: class-transformer recurses once per level and overflows the stack on deep input.
 */
export const refuseDeepBodies = (fastify: FastifyInstance): void => {
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    done(depthOf(request.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH ? tooDeep() : undefined);
  });
};

const frameworkProblem = (error: Error & { code?: string }, url: string): Problem => {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return problem(414, 'URI_TOO_LONG', 'URI too long', 'A part of the path is longer than any id of this API.', { instance: url });
  if (error.code === 'FST_ERR_BAD_URL')
    return problem(400, 'BAD_URL', 'Bad request', 'The path holds an invalid percent-encoding.', { instance: url });
  return problem(400, 'BAD_REQUEST', 'Bad request', 'The request could not be routed.', { instance: url });
};

/**
 * Errors Fastify answers before any route runs (a path part over `maxParamLength`, a broken
 * percent-encoding): as problem details, like every other refusal. Passed as the adapter's
 * `frameworkErrors` option.
 */
export const frameworkErrors = (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void => {
  const body = frameworkProblem(error, request.url.slice(0, 200));
  void reply.code(body.status).header('content-type', 'application/problem+json').send(body);
};
