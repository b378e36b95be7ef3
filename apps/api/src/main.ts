import { ConfigError, loadConfig, loadSecrets } from '@workwell/config';
import { createPool } from '@workwell/database';
import { JsonLogger } from '@workwell/observability';
import { createEventStore, createKeyStore } from '@workwell/runtime';
import { createApiApp } from './api.app';
import { drainAndClose } from './operations/drain';

/** The API process: `workwell api`, or a child of `workwell start`. */
export const runApi = async (): Promise<void> => {
  const config = loadConfig();
  const secrets = loadSecrets(config);
  const logger = new JsonLogger('api', config.logLevel);
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'is required to run the API on its own (`npm start` sets it up for you).');
  const pool = createPool(config.databaseUrl, { max: config.poolSize.api, application_name: 'workwell-api' });
  const readPool = config.databaseReadUrl
    ? createPool(config.databaseReadUrl, { max: config.poolSize.api, application_name: 'workwell-api-read' })
    : undefined;
  const eventStore = await createEventStore(config, pool);
  const keyStore = createKeyStore(pool, secrets, { listenForErasures: true });
  const app = await createApiApp({ config, secrets, pool, readPool, eventStore, keyStore, logger, clock: () => new Date() });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('api draining', { signal, delayMs: config.shutdownDelayMs });
    await drainAndClose(app, config.shutdownDelayMs);
    await eventStore.close();
    await keyStore.close();
    await Promise.all([pool.end(), readPool?.end()]);
    logger.info('api stopped', { signal });
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('uncaughtException', (error) => {
    logger.fatal('uncaught exception; stopping', { error });
    process.exit(1);
  });
  await app.listen({ port: config.port, host: config.host });
  logger.info('api listening', {
    port: config.port,
    eventStore: config.eventStore,
    readReplica: readPool !== undefined,
    poolSize: config.poolSize.api,
    corsOrigins: config.corsOrigins.length,
    trustProxy: config.trustProxy,
  });
};
