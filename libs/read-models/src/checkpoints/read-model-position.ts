import type { Pool } from 'pg';
import { projectorProgress } from './projection-checkpoints.schema';

/** The channel the projector notifies after each batch it commits; readers waiting for a position LISTEN on it. */
export const readModelsChannel = 'workwell_projections';

/** Where the read models stand: the lowest position every live projection has applied. */
export const readModelPosition = async (pool: Pool): Promise<number> => (await projectorProgress((sql) => pool.query(sql))).position;

/**
 * Read-your-writes: waits (up to `timeoutMs`) until the read models include `position`, woken by
 * the projector's notification after each batch rather than by polling. Returns where they stand.
 */
export const waitForReadModels = async (pool: Pool, position: number, timeoutMs: number): Promise<number> => {
  let current = await readModelPosition(pool);
  if (current >= position) return current;
  const client = await pool.connect();
  try {
    await client.query(`LISTEN ${readModelsChannel}`);
    current = await readModelPosition(pool);
    if (current >= position) return current;
    return await new Promise<number>((resolve) => {
      const done = (value: number) => {
        clearTimeout(timer);
        client.removeListener('notification', onNotification);
        resolve(value);
      };
      const onNotification = () => {
        void readModelPosition(pool).then((now) => {
          current = now;
          if (now >= position) done(now);
        });
      };
      const timer = setTimeout(() => done(current), timeoutMs);
      client.on('notification', onNotification);
    });
  } finally {
    await client.query(`UNLISTEN ${readModelsChannel}`).catch(() => undefined);
    client.release();
  }
};
