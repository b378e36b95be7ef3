import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface RequestContext {
  readonly requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a correlation id that every log line written inside it carries. */
export const withRequestId = <T>(requestId: string, fn: () => T): T => context.run({ requestId }, fn);
export const currentRequestId = (): string | undefined => context.getStore()?.requestId;

export type Sink = (line: string) => void;

/** One JSON object per line on stdout: what log shippers and `jq` both read without help. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minimum: Level = 'info',
    private readonly sink: Sink = (line) => process.stdout.write(line + '\n'),
  ) {}

  write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
    if (rank[level] < rank[this.minimum]) return;
    const requestId = currentRequestId();
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(requestId ? { requestId } : {}),
      msg: message,
      ...fields,
    };
    this.sink(JSON.stringify(line, errorReplacer));
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  // Nest calls log/verbose/fatal with (message, ...optionalParams) where the last param is the context name.
  log(message: unknown, ...params: unknown[]): void {
    const fields = nestFields(params);
    // Nest's start-up chatter (one line per route and module) is debugging detail, not operations.
    this.write(nestStartupContexts.has(String(fields.context)) ? 'debug' : 'info', String(message), fields);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', String(message), nestFields(params));
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('error', String(message), nestFields(params));
  }
}

const nestStartupContexts = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

const nestFields = (params: unknown[]): Record<string, unknown> => {
  const last = params[params.length - 1];
  return typeof last === 'string' ? { context: last } : {};
};

const errorReplacer = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message } : value;
