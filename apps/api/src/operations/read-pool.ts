import type { Pool } from 'pg';
import type { ApiDependencies } from '../infrastructure/api.dependencies';

/**
 * Where a read goes: the read replica (DATABASE_READ_URL) when there is one, unless the read
 * waits for a write of its own (`minPosition`): that wait listens for the projector's
 * notifications, which a standby cannot do, and the primary is the only place sure to have the
 * write already. Writes, the access log among them, always use `deps.pool`.
 */
export const readPoolFor = (deps: ApiDependencies, minPosition?: number): Pool =>
  minPosition === undefined ? (deps.readPool ?? deps.pool) : deps.pool;
