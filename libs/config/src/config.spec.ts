import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives sensible defaults for a fresh machine', () => {
    const config = loadConfig({}, '/srv/workwell');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/workwell/.data',
      checkpointDir: '/srv/workwell/.data/checkpoints',
      eventStore: 'postgres',
      databaseUrl: undefined,
      logLevel: 'info',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc").'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535 (got "70000").'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://").'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).'],
    [{ EVENT_STORE: 'kafka' }, 'EVENT_STORE must be one of postgres, eventstoredb (got "kafka").'],
    [
      { EVENT_STORE: 'eventstoredb' },
      'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (for example esdb://localhost:2113?tls=false).',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error (got "loud").'],
    [{ API_POOL_SIZE: '0' }, 'API_POOL_SIZE must be a whole number from 1 to 1000 (got "0").'],
    [{ PROJECTOR_POOL_SIZE: 'many' }, 'PROJECTOR_POOL_SIZE must be a whole number from 2 to 1000 (got "many").'],
    [{ DATABASE_READ_URL: 'postgres://r@replica/ww' }, 'DATABASE_READ_URL needs DATABASE_URL (the primary it replicates).'],
    [
      { CORS_ORIGINS: 'https://coach.example.nhs.uk/app' },
      'CORS_ORIGINS must list origins such as https://coach.example.nhs.uk, without paths or "*" (got "https://coach.example.nhs.uk/app").',
    ],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins such as https://coach.example.nhs.uk, without paths or "*" (got "*").'],
    [
      { TRUST_PROXY: 'yes' },
      'TRUST_PROXY must be false, true, a number of proxy hops, or proxy addresses and CIDR ranges (loopback, uniquelocal allowed) (got "yes").',
    ],
    [{ RATE_LIMIT_WRITES_PER_MINUTE: '-1' }, 'RATE_LIMIT_WRITES_PER_MINUTE must be a whole number from 0 to 1000000 (got "-1").'],
    [
      { RATE_LIMIT_EXEMPT: '10.0.0.0/33' },
      'RATE_LIMIT_EXEMPT must be IP addresses or CIDR ranges separated by commas, or none (got "10.0.0.0/33").',
    ],
    [{ PROJECTOR_HEALTH_PORT: '0' }, 'PROJECTOR_HEALTH_PORT must be a whole number from 1 to 65535 (got "0").'],
    [{ SHUTDOWN_DELAY_MS: '5s' }, 'SHUTDOWN_DELAY_MS must be a whole number from 0 to 120000 (got "5s").'],
  ])('refuses %j with one clear sentence', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Configuration error: ${sentence}`);
  });

  it('keeps checkpoints where WORKWELL_CHECKPOINT_DIR says, relative to the working directory', () => {
    expect(loadConfig({ WORKWELL_CHECKPOINT_DIR: 'audit/log', WORKWELL_DATA_DIR: '/var/lib/ww' }, '/srv').checkpointDir).toBe(
      '/srv/audit/log',
    );
    expect(loadConfig({ WORKWELL_DATA_DIR: '/var/lib/ww' }, '/srv').checkpointDir).toBe('/var/lib/ww/checkpoints');
  });

  it('sizes pools, allows no origin, trusts no proxy, limits rates and exempts loopback by default, but not in production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      poolSize: { api: 20, projector: 5 },
      databaseReadUrl: undefined,
      corsOrigins: [],
      trustProxy: false,
      rateLimits: { writesPerMinute: 600, authFailuresPerMinute: 20, exempt: ['127.0.0.1', '::1'] },
      projectorHealthPort: undefined,
      shutdownDelayMs: 0,
    });
    expect(loadConfig({ NODE_ENV: 'production' }).rateLimits.exempt).toEqual([]);
  });

  it('reads the operational settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@primary:5432/ww',
      DATABASE_READ_URL: 'postgres://u:p@replica:5432/ww',
      API_POOL_SIZE: '40',
      PROJECTOR_POOL_SIZE: '8',
      CORS_ORIGINS: 'https://coach.example.nhs.uk, http://localhost:5173',
      TRUST_PROXY: '10.0.0.0/8,loopback',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5',
      RATE_LIMIT_EXEMPT: 'none',
      PROJECTOR_HEALTH_PORT: '3001',
      SHUTDOWN_DELAY_MS: '10000',
    });
    expect(config).toMatchObject({
      databaseReadUrl: 'postgres://u:p@replica:5432/ww',
      poolSize: { api: 40, projector: 8 },
      corsOrigins: ['https://coach.example.nhs.uk', 'http://localhost:5173'],
      trustProxy: ['10.0.0.0/8', 'loopback'],
      rateLimits: { writesPerMinute: 0, authFailuresPerMinute: 5, exempt: [] },
      projectorHealthPort: 3001,
      shutdownDelayMs: 10_000,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('accepts an external PostgreSQL and an EventStoreDB connection', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/ww',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/ww');
    expect(config.eventStore).toBe('eventstoredb');
  });
});
