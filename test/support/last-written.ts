import type { Pool } from 'pg';

/**
 * The position of the newest event written. Tests wait for the projector to reach it, not the
 * store's head: the head trails commits while any transaction in the database (the projector's
 * own batch, say) is still open, so waiting for it could end before the newest events are applied.
 */
export const lastWritten = async (pool: Pool): Promise<number> =>
  Number((await pool.query('SELECT coalesce(max(position), 0) AS last FROM events')).rows[0].last);
