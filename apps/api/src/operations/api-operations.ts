import type { Pool } from 'pg';
import { ApiMetrics, observePools } from '@workwell/observability';

/** What the API's operational endpoints share with its request hooks: the metrics and whether it is draining. */
export class ApiOperations {
  readonly metrics = new ApiMetrics();
  private drainingSince: Date | undefined;

  constructor(pools: { primary: Pool; read?: Pool }) {
    observePools(this.metrics.registry, { primary: pools.primary, read: pools.read === pools.primary ? undefined : pools.read });
  }

  /** From now on /health/ready answers 503, so that load balancers stop sending new requests here. */
  beginDrain(now: Date = new Date()): void {
    this.drainingSince ??= now;
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }
}

export const API_OPERATIONS = Symbol('API_OPERATIONS');
