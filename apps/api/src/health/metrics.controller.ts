import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { API_OPERATIONS, type ApiOperations } from '../operations/api-operations';
import { StoreGauges } from './store-gauges';

/**
 * Prometheus text exposition (prom-client): process metrics (CPU, memory, event-loop lag, GC),
 * HTTP durations by route and status, commands recorded and refused, appends, pools, and where
 * the store and each projection stand. The families are listed in docs/operations.md.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly store: StoreGauges;
  private refreshing: Promise<void> | undefined;

  constructor(
    @Inject(API_DEPENDENCIES) deps: ApiDependencies,
    @Inject(API_OPERATIONS) private readonly operations: ApiOperations,
  ) {
    this.store = new StoreGauges(operations.metrics.registry, deps);
  }

  @Get()
  async metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // Scrapes that arrive together share one refresh: none renders gauges another has just reset.
    this.refreshing ??= this.store.refresh().finally(() => (this.refreshing = undefined));
    await this.refreshing;
    void reply.header('content-type', this.operations.metrics.registry.contentType).header('cache-control', 'no-store');
    return this.operations.metrics.registry.metrics();
  }
}
