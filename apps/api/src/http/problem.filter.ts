import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JourneyRuleBroken, ValidationFailed } from '@workwell/domain';
import { ConcurrencyConflict, EventStoreUnavailable } from '@workwell/event-store';
import type { JsonLogger } from '@workwell/observability';
import { problem, ProblemError, type Problem } from './problem';
import { invalidRequest } from './validation.problem';

const httpTitles: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHENTICATED', 'Authentication required'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  413: ['PAYLOAD_TOO_LARGE', 'Request too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
};

/** Turns every error into application/problem+json: a stable code, a sentence, never a stack trace (the stack goes to the log). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = { ...this.toProblem(error), instance: request.url };
    // With its stack (the logger serialises errors whole) and the route template, never the URL: ids and query strings stay out of logs.
    if (body.status >= 500)
      this.logger.error('request failed', {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: body.status,
        code: body.code,
        error: error instanceof Error ? error : { message: String(error) },
      });
    // A refusal that passes with time (read models behind, too many waiting) says when to come back.
    const retryAfter = (body as Record<string, unknown>).retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(body.status).header('content-type', 'application/problem+json').send(body);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ProblemError) return error.problem;
    if (error instanceof JourneyRuleBroken) return problem(422, error.code, 'Refused by a journey rule', error.message);
    // The domain names fields from the command (`data.x`); the caller knows them from the body (`x`).
    if (error instanceof ValidationFailed)
      return invalidRequest(error.errors.map((e) => ({ field: e.field.replace(/^data\./, ''), message: e.message })));
    if (error instanceof ConcurrencyConflict) {
      return problem(409, error.code, 'Concurrency conflict', `${error.message} Reload the participant and try again.`, {
        expectedVersion: error.expected,
        actualVersion: error.actual,
      });
    }
    if (error instanceof EventStoreUnavailable)
      return problem(
        503,
        error.code,
        'Service unavailable',
        'The event store is not reachable just now; nothing was recorded. Try again shortly.',
      );
    if (error instanceof HttpException) return this.fromHttpException(error);
    const fastifyStatus = fastifyClientError(error);
    if (fastifyStatus) {
      const message = (error as Error).message;
      if (fastifyStatus === 400 && /JSON/.test(message))
        return problem(400, 'MALFORMED_BODY', 'Bad request', `The request body is not a valid JSON object: ${message}.`);
      const [code, title] = httpTitles[fastifyStatus] ?? ['BAD_REQUEST', 'Bad request'];
      return problem(fastifyStatus, code, title, message);
    }
    if (isDatabaseDown(error))
      return problem(
        503,
        'DATABASE_UNAVAILABLE',
        'Service unavailable',
        'The database is not reachable just now; nothing was recorded. Try again shortly.',
      );
    return problem(
      500,
      'INTERNAL_ERROR',
      'Internal error',
      'Something went wrong on our side; nothing was recorded. The error has been logged.',
    );
  }

  private fromHttpException(error: HttpException): Problem {
    const status = error.getStatus();
    const [code, title] = httpTitles[status] ?? (status >= 500 ? ['INTERNAL_ERROR', 'Internal error'] : ['BAD_REQUEST', 'Bad request']);
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: unknown }).message
        : error.message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    if (status === 400 && /JSON/.test(detail))
      return problem(400, 'MALFORMED_BODY', 'Bad request', `The request body is not a valid JSON object: ${detail}.`);
    return problem(
      status,
      code,
      title,
      status === 404 && code === 'NOT_FOUND' && /^Cannot /.test(detail) ? 'There is no such endpoint.' : detail,
    );
  }
}

/** Fastify's own refusals (empty body, wrong content type, too large) carry a 4xx statusCode. */
const fastifyClientError = (error: unknown): number | undefined => {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  return typeof code === 'string' && code.startsWith('FST_') && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? statusCode
    : undefined;
};

const isDatabaseDown = (error: unknown): boolean => {
  const code = (error as { code?: string })?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '08006' ||
    code === '08001' ||
    /Connection terminated|timeout exceeded when trying to connect/.test(String((error as Error)?.message))
  );
};
