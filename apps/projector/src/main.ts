import { hostname } from 'node:os';
import { ConfigError, loadConfig } from '@workwell/config';
import { createPool } from '@workwell/database';
import { JsonLogger } from '@workwell/observability';
import { createEventStore } from '@workwell/runtime';
import { projections } from '@workwell/read-models';
import { ProjectorHealth } from './health/projector-health';
import { ProjectionRunner } from './runner/projection-runner';

/** For the command line's `workwell rebuild`, which reaches this app through its entry point only. */
export { rebuildProjections, RebuildAlreadyRunning } from './runner/rebuild';

const heartbeatMs = 5_000;

/** The projector process: `workwell projector`, or a child of `workwell start`. */
export const runProjector = async (): Promise<void> => {
  const config = loadConfig();
  const logger = new JsonLogger('projector', config.logLevel);
  if (!config.databaseUrl)
    throw new ConfigError('DATABASE_URL', 'is required to run the projector on its own (`npm start` sets it up for you).');
  const pool = createPool(config.databaseUrl, { max: config.poolSize.projector, application_name: 'workwell-projector' });
  const eventStore = await createEventStore(config, pool);
  const instanceId = `${hostname()}:${process.pid}`;
  const runner = new ProjectionRunner({ pool, eventStore, projections, logger, instanceId });
  const health = new ProjectorHealth({ pool, eventStore, runner, projections });
  if (config.projectorHealthPort !== undefined) {
    await health.listen(config.projectorHealthPort, config.host);
    logger.info('projector health listening', { port: config.projectorHealthPort });
  }
  const beat = () =>
    pool
      .query(
        `INSERT INTO projector_heartbeats (instance_id, started_at, seen_at, position) VALUES ($1, now(), now(), $2)
         ON CONFLICT (instance_id) DO UPDATE SET seen_at = now(), position = EXCLUDED.position`,
        [instanceId, runner.position],
      )
      .catch((error: Error) => logger.warn('heartbeat failed', { error }));
  await runner.start();
  health.running();
  await beat();
  const heartbeat = setInterval(() => void beat(), heartbeatMs);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('projector stopping', { signal });
    health.stopping();
    clearInterval(heartbeat);
    await runner.stop();
    await pool.query('DELETE FROM projector_heartbeats WHERE instance_id = $1', [instanceId]).catch(() => undefined);
    await eventStore.close();
    await pool.end();
    await health.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  logger.info('projector running', { instanceId, projections: runner.ownedProjections, position: runner.position });
};
