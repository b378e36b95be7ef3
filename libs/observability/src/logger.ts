import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { redact } from './redaction';

export type Level = 'debug' | 'info' | 'warn' | 'error';

interface RequestContext {
  readonly requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a correlation id that every log line written inside it carries. */
export const withRequestId = <T>(requestId: string, fn: () => T): T => context.run({ requestId }, fn);
export const currentRequestId = (): string | undefined => context.getStore()?.requestId;

/** Where lines go instead of stdout (tests): one call per line, without its newline. */
export type Sink = (line: string) => void;

const sinkStream = (sink: Sink): DestinationStream => ({ write: (line: string) => sink(line.replace(/\n$/, '')) });

/**
 * The one logger of the api, the projector and the command line: pino, one JSON object per line
 * on stdout (what log shippers and `jq` read without help), with `service`, `pid` and `hostname`
 * on every line, errors with their stack, and personal data and credentials redacted by field
 * name at any depth (see redaction.ts). Call sites write `logger.info(message, fields)`.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(service: string, minimum: Level = 'info', sink?: Sink, bindings: Record<string, unknown> = {}) {
    this.pino = pino(
      {
        level: minimum,
        base: { service, pid: process.pid, hostname: hostname(), ...bindings },
        timestamp: pino.stdTimeFunctions.isoTime,
        messageKey: 'msg',
        formatters: {
          level: (label) => ({ level: label }),
          log: (fields) => redact(fields) as Record<string, unknown>,
        },
        mixin: () => {
          const requestId = currentRequestId();
          return requestId ? { requestId } : {};
        },
      },
      // pino's own destination writes synchronously, so the last lines before process.exit are not lost.
      sink ? sinkStream(sink) : pino.destination({ dest: 1, sync: true }),
    );
  }

  isLevelEnabled(level: Level): boolean {
    return this.pino.isLevelEnabled(level);
  }

  write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
    this.pino[level](fields, message);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown> | string, context?: string): void {
    this.write('error', String(message), nestFields(fields, context));
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  // Nest calls log/verbose/fatal with (message, ...optionalParams) where the last param is the context name.
  log(message: unknown, ...params: unknown[]): void {
    const fields = nestFields(...params);
    // Nest's start-up chatter (one line per route and module) is debugging detail, not operations.
    this.write(nestStartupContexts.has(String(fields.context)) ? 'debug' : 'info', String(message), fields);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', String(message), nestFields(...params));
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(nestFields(...params), String(message));
  }
}

const nestStartupContexts = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Our own calls pass one fields object; Nest passes (stack?, context?) strings. */
const nestFields = (...params: unknown[]): Record<string, unknown> => {
  const [first] = params;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) return first as Record<string, unknown>;
  const strings = params.filter((p): p is string => typeof p === 'string');
  if (strings.length === 0) return {};
  const context = strings[strings.length - 1];
  if (strings.length > 1) return { stack: strings[0], context };
  return /\n\s+at /.test(context) ? { stack: context } : { context };
};
