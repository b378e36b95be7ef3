import type { Pool } from 'pg';
import { projectorProgress } from './projection-checkpoints.schema';

/** The channel the projector notifies after each batch it commits; readers waiting for a position LISTEN on it. */
export const readModelsChannel = 'workwell_projections';

/** Where the read models stand: the lowest position every live projection has applied. */
export const readModelPosition = async (pool: Pool): Promise<number> => (await projectorProgress((sql) => pool.query(sql))).position;
