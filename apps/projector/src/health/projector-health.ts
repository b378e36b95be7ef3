import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import type { EventStore } from '@workwell/event-store';
import { observePools, processRegistry, upWithin } from '@workwell/observability';
import type { ProjectionRunner } from '../runner/projection-runner';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

const json = (status: number, body: unknown): Answer => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/**
 * The projector's own small HTTP port (PROJECTOR_HEALTH_PORT), for Kubernetes and Prometheus:
 * - `/health/live`: the process is up and its event loop answers (never asks the database);
 * - `/health/ready`: started, the database and the event store answer, and it either holds its
 *   projections or stands by for them (another instance holds them; it takes over if that one dies);
 * - `/metrics`: process metrics, its pool, the projections it holds and where it stands.
 */
export class ProjectorHealth {
  private readonly registry = processRegistry();
  private state: 'starting' | 'running' | 'stopping' = 'starting';
  private server: http.Server | undefined;

  constructor(
    private readonly parts: { pool: Pool; eventStore: EventStore; runner: ProjectionRunner; projections: readonly { name: string }[] },
  ) {
    observePools(this.registry, { projector: parts.pool });
    new Gauge({
      name: 'workwell_projector_owned_projections',
      help: 'Projections this projector applies now (the others it stands by for).',
      registers: [this.registry],
      collect() {
        this.set(parts.runner.ownedProjections.length);
      },
    });
    new Gauge({
      name: 'workwell_projector_position',
      help: 'The lowest position the projections this projector holds have applied.',
      registers: [this.registry],
      collect() {
        this.set(parts.runner.position);
      },
    });
  }

  running(): void {
    this.state = 'running';
  }

  stopping(): void {
    this.state = 'stopping';
  }

  async readiness(): Promise<Answer> {
    if (this.state !== 'running') return json(503, { status: this.state });
    const [database, eventStore] = await Promise.all([
      upWithin(() => this.parts.pool.query('SELECT 1')),
      upWithin(() => this.parts.eventStore.headPosition()),
    ]);
    const ready = database === 'up' && eventStore === 'up';
    const owned = this.parts.runner.ownedProjections;
    return json(ready ? 200 : 503, {
      status: ready ? 'ready' : 'unavailable',
      checks: { database, eventStore },
      owned,
      standingBy: this.parts.projections.map((p) => p.name).filter((name) => !owned.includes(name)),
      position: this.parts.runner.position,
    });
  }

  private async answer(method: string | undefined, path: string): Promise<Answer> {
    if (method !== 'GET' && method !== 'HEAD') return json(405, { status: 405, code: 'METHOD_NOT_ALLOWED' });
    if (path === '/health/live') return json(200, { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
    if (path === '/health/ready') return this.readiness();
    if (path === '/metrics') return { status: 200, type: this.registry.contentType, body: await this.registry.metrics() };
    return json(404, { status: 404, code: 'NOT_FOUND', detail: 'The projector answers /health/live, /health/ready and /metrics.' });
  }

  /** Listens on `port` (0: any free one) and resolves with the port it got. */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = http.createServer((request, response) => {
      void this.answer(request.method, (request.url ?? '/').split('?')[0]).then(
        (answer) => response.writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' }).end(answer.body),
        () => response.writeHead(500).end(),
      );
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
