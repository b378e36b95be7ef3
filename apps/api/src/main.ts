import { ConfigError, loadConfig, loadSecrets } from '@workwell/config';
import { createPool } from '@workwell/database';
import { JsonLogger } from '@workwell/observability';
import { createEventStore, createKeyStore } from '@workwell/runtime';
import { createApiApp } from './api.app';

/** The API process: `workwell api`, or a child of `workwell start`. */
export const runApi = async (): Promise<void> => {
  const config = loadConfig();
  const secrets = loadSecrets(config);
  const logger = new JsonLogger('api', config.logLevel);
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'is required to run the API on its own (`npm start` sets it up for you).');
  const pool = createPool(config.databaseUrl, { max: 20 });
  const eventStore = await createEventStore(config, pool);
  const keyStore = createKeyStore(pool, secrets);
  const app = await createApiApp({ config, secrets, pool, eventStore, keyStore, logger, clock: () => new Date() });
  const shutdown = async (signal: string) => {
    logger.info('api stopping', { signal });
    await app.close();
    await eventStore.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  logger.info('api listening', { port: config.port, eventStore: config.eventStore });
};
