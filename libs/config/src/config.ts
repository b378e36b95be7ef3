import path from 'node:path';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface WorkwellConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString: string | undefined;
  readonly logLevel: LogLevel;
  readonly production: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`Configuration error: ${setting} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const port = (env: Env, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(name, `must be a whole number from 1 to 65535 (got "${raw}").`);
  }
  return Number(raw);
};

const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}").`);
  }
  return raw as T;
};

const postgresUrl = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:5432/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql:// (got "${url.protocol}//").`);
  }
  return raw;
};

/** Reads and validates every setting once, at start-up; a bad value stops the process with a ConfigError. */
export const loadConfig = (env: Env = process.env, cwd: string = process.cwd()): WorkwellConfig => {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const eventStoreConnectionString = env.EVENTSTORE_CONNECTION_STRING || undefined;
  if (eventStore === 'eventstoredb' && !eventStoreConnectionString) {
    throw new ConfigError(
      'EVENTSTORE_CONNECTION_STRING',
      'is required when EVENT_STORE=eventstoredb (for example esdb://localhost:2113?tls=false).',
    );
  }
  if (eventStoreConnectionString && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb):\/\//.test(eventStoreConnectionString)) {
    throw new ConfigError(
      'EVENTSTORE_CONNECTION_STRING',
      'must start with esdb:// or esdb+discover:// (for example esdb://localhost:2113?tls=false).',
    );
  }
  return {
    port: port(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    dataDir: path.resolve(cwd, env.WORKWELL_DATA_DIR || '.data'),
    embeddedPostgresPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    eventStore,
    eventStoreConnectionString,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    production: env.NODE_ENV === 'production',
  };
};
