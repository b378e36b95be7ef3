import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { ReadModelsBehind, readModelPosition, ReadModelWaits, TooManyWaiting } from '@workwell/read-models';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';

const readWaitMs = 5_000;

/**
 * Where the read models stand for a read: now, or (with `minPosition`, read-your-writes) once they
 * include that position. The waits of the whole process share one listening connection (see
 * `ReadModelWaits`); a wait that runs out, or one too many, is a 503 with Retry-After, never a
 * read that silently misses the caller's own write.
 */
@Injectable()
export class ReadPosition implements OnApplicationShutdown {
  private readonly waits: ReadModelWaits;

  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {
    this.waits = new ReadModelWaits(deps.pool);
  }

  async of(minPosition: number | undefined, pool: Pool = this.deps.pool): Promise<number> {
    if (minPosition === undefined) return readModelPosition(pool);
    try {
      return await this.waits.waitFor(minPosition, readWaitMs);
    } catch (error) {
      if (error instanceof ReadModelsBehind)
        throw new ProblemError(
          problem(503, 'READ_MODELS_BEHIND', 'Service unavailable', `${error.message} Your write is recorded; read again in a moment.`, {
            position: error.current,
            retryAfterSeconds: 1,
          }),
        );
      if (error instanceof TooManyWaiting)
        throw new ProblemError(
          problem(503, 'TOO_MANY_WAITING', 'Service unavailable', `${error.message} Read again in a moment.`, { retryAfterSeconds: 1 }),
        );
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.waits.close();
  }
}
