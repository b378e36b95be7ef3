import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { upWithin } from '@workwell/observability';
import { projectorProgress } from '@workwell/read-models';
import { Public } from '../auth/auth.guard';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { API_OPERATIONS, type ApiOperations } from '../operations/api-operations';

type Status = 'up' | 'down';

/** A projector that has not said it is alive for this long is reported down. */
const projectorSilenceMs = 30_000;

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    @Inject(API_OPERATIONS) private readonly operations: ApiOperations,
  ) {}

  /** Liveness: the process is up and its event loop answers. Never asks the database, so an outage restarts nothing. */
  @Get('live')
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) };
  }

  /**
   * Readiness: the database and the event store answer, and the process is not draining (503 from
   * SIGTERM on). A read replica is reported but does not decide: it failing would take every API
   * process out of the load balancer at once although writes and own-write reads still work.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const readPool = this.deps.readPool;
    const [database, eventStore, readReplica] = await Promise.all([
      upWithin(() => this.deps.pool.query('SELECT 1')),
      upWithin(() => this.deps.eventStore.headPosition()),
      readPool && readPool !== this.deps.pool ? upWithin(() => readPool.query('SELECT 1')) : undefined,
    ]);
    const draining = this.operations.draining;
    const ready = !draining && database === 'up' && eventStore === 'up';
    void reply.status(ready ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: draining ? 'draining' : ready ? 'ready' : 'unavailable',
      checks: { database, eventStore, ...(readReplica ? { readReplica } : {}) },
    };
  }

  /** The summary kept from before live and ready (dependencies and projector lag; 503 when any is down): for people, not probes. */
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, readModels] = await Promise.all([this.eventStore(), this.readModels()]);
    const projector = await this.projector(eventStore.head, readModels.status === 'up');
    const up = eventStore.status === 'up' && readModels.status === 'up' && projector.status === 'up';
    void reply.status(up ? 200 : 503).header('cache-control', 'no-store');
    return { status: up ? 'ok' : 'unavailable', eventStore, readModels, projector };
  }

  private async eventStore(): Promise<{ status: Status; kind: string; head?: number }> {
    const kind = this.deps.config.eventStore;
    try {
      return { status: 'up', kind, head: await this.deps.eventStore.headPosition() };
    } catch {
      return { status: 'down', kind };
    }
  }

  private async readModels(): Promise<{ status: Status }> {
    try {
      await this.deps.pool.query('SELECT 1');
      return { status: 'up' };
    } catch {
      return { status: 'down' };
    }
  }

  private async projector(head: number | undefined, databaseUp: boolean) {
    if (!databaseUp) return { status: 'down' as Status, reason: 'read-model database unreachable' };
    const progress = await projectorProgress((sql) => this.deps.pool.query(sql));
    const silentFor = progress.lastSeenAt ? this.deps.clock().getTime() - progress.lastSeenAt.getTime() : undefined;
    const status: Status = silentFor !== undefined && silentFor <= projectorSilenceMs ? 'up' : 'down';
    const lag = head === undefined ? undefined : await this.lag(progress.position, head);
    return { status, position: progress.position, ...(lag ?? {}), lastSeenAt: progress.lastSeenAt?.toISOString() ?? null };
  }

  /** How far behind the read models are: events still to apply (counted up to a page) and the age of the oldest. */
  private async lag(position: number, head: number) {
    if (position >= head) return { lagEvents: 0, lagSeconds: 0 };
    const pending = await this.deps.eventStore.readAll({ after: position, maxCount: 1000 });
    const oldest = pending[0] ? Date.parse(pending[0].recordedAt) : this.deps.clock().getTime();
    return {
      lagEvents: pending.length,
      lagEventsCapped: pending.length === 1000,
      lagSeconds: Math.max(0, (this.deps.clock().getTime() - oldest) / 1000),
    };
  }
}
