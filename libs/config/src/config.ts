import path from 'node:path';
import {
  addresses,
  ConfigError,
  oneOf,
  optionalPort,
  origins,
  port,
  postgresUrl,
  trustProxy,
  wholeNumber,
  type Env,
} from './config.parsers';

export { ConfigError } from './config.parsers';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RateLimitSettings {
  /** Writes (POST) a client address may make a minute, per API process; 0 turns the limit off. */
  readonly writesPerMinute: number;
  /** Answers of 401 a client address may cause a minute before it is refused until the minute ends; 0 turns it off. */
  readonly authFailuresPerMinute: number;
  /** Client addresses never limited. */
  readonly exempt: readonly string[];
}

export interface WorkwellConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  /** A read replica of DATABASE_URL for the read models and replays that need not see a write of their own. */
  readonly databaseReadUrl: string | undefined;
  readonly poolSize: { readonly api: number; readonly projector: number };
  readonly dataDir: string;
  /** Where `workwell checkpoint` appends its signed checkpoints (and their heads files). */
  readonly checkpointDir: string;
  readonly embeddedPostgresPort: number;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString: string | undefined;
  readonly logLevel: LogLevel;
  readonly production: boolean;
  /** Origins whose browsers may call the API (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  /** Which proxies' X-Forwarded-For to believe for the client address (Fastify's trustProxy). */
  readonly trustProxy: boolean | number | readonly string[];
  readonly rateLimits: RateLimitSettings;
  /** The projector's own live/ready/metrics port; none when unset. */
  readonly projectorHealthPort: number | undefined;
  /** On SIGTERM the API answers ready=503 this long before it stops accepting (for load balancers to notice). */
  readonly shutdownDelayMs: number;
}

const loopback = ['127.0.0.1', '::1'];

const eventStoreSettings = (env: Env) => {
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
  return { eventStore, eventStoreConnectionString };
};

const databaseSettings = (env: Env) => {
  const databaseUrl = postgresUrl(env, 'DATABASE_URL');
  const databaseReadUrl = postgresUrl(env, 'DATABASE_READ_URL');
  if (databaseReadUrl && !databaseUrl) throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL (the primary it replicates).');
  return {
    databaseUrl,
    databaseReadUrl,
    poolSize: { api: wholeNumber(env, 'API_POOL_SIZE', 20, 1, 1000), projector: wholeNumber(env, 'PROJECTOR_POOL_SIZE', 5, 2, 1000) },
  };
};

/** Reads and validates every setting once, at start-up; a bad value stops the process with a ConfigError. */
export const loadConfig = (env: Env = process.env, cwd: string = process.cwd()): WorkwellConfig => {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(cwd, env.WORKWELL_DATA_DIR || '.data');
  return {
    port: port(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    ...databaseSettings(env),
    dataDir,
    checkpointDir: path.resolve(cwd, env.WORKWELL_CHECKPOINT_DIR || path.join(dataDir, 'checkpoints')),
    embeddedPostgresPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    ...eventStoreSettings(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    production,
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    rateLimits: {
      writesPerMinute: wholeNumber(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 600, 0, 1_000_000),
      authFailuresPerMinute: wholeNumber(env, 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 20, 0, 1_000_000),
      // Outside production, loopback is exempt so that `workwell simulate`, the benchmarks and the tests can drive the API hard.
      exempt: addresses(env, 'RATE_LIMIT_EXEMPT', production ? [] : loopback),
    },
    projectorHealthPort: optionalPort(env, 'PROJECTOR_HEALTH_PORT'),
    shutdownDelayMs: wholeNumber(env, 'SHUTDOWN_DELAY_MS', 0, 0, 120_000),
  };
};
