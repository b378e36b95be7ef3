import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives sensible defaults for a fresh machine', () => {
    const config = loadConfig({}, '/srv/workwell');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/workwell/.data',
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
  ])('refuses %j with one clear sentence', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Configuration error: ${sentence}`);
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
