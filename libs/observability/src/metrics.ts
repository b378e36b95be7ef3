import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a pg Pool tells about itself (kept structural: this library does not depend on pg). */
export interface PoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max?: number };
}

/**
 * A registry of its own with the process metrics every Node service exposes (CPU, memory, heap
 * spaces, event-loop lag, GC, handles): one per app, not prom-client's global one, so that a test
 * process can hold several apps without their metrics colliding.
 */
export const processRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};

/** Connections in use and idle, and callers waiting for one, per named pool; read at each scrape. */
export const observePools = (registry: Registry, pools: Readonly<Record<string, PoolLike | undefined>>): void => {
  const named = Object.entries(pools).filter((entry): entry is [string, PoolLike] => entry[1] !== undefined);
  new Gauge({
    name: 'workwell_db_pool_connections',
    help: 'PostgreSQL connections of the pool, by state (in_use, idle).',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const [pool, p] of named) {
        this.set({ pool, state: 'in_use' }, p.totalCount - p.idleCount);
        this.set({ pool, state: 'idle' }, p.idleCount);
      }
    },
  });
  new Gauge({
    name: 'workwell_db_pool_waiting_clients',
    help: 'Callers waiting for a connection of the pool (all connections in use).',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      for (const [pool, p] of named) this.set({ pool }, p.waitingCount);
    },
  });
  new Gauge({
    name: 'workwell_db_pool_max_connections',
    help: 'The size the pool may grow to (API_POOL_SIZE, PROJECTOR_POOL_SIZE).',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      for (const [pool, p] of named) this.set({ pool }, p.options.max ?? 10);
    },
  });
};

const httpBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
const appendBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/**
 * The API's metrics. Counters are called from one place each: HTTP and commands from the request
 * hooks (apps/api/src/health/request-observer.ts), appends from the event-store wrapper beside it.
 */
export class ApiMetrics {
  readonly registry: Registry = processRegistry();
  private readonly requests = new Histogram({
    name: 'workwell_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, with their duration.',
    labelNames: ['method', 'route', 'status'],
    buckets: httpBuckets,
    registers: [this.registry],
  });
  private readonly recorded = new Counter({
    name: 'workwell_commands_recorded_total',
    help: 'Journey commands whose events were appended, by command type (a blocked sharing is recorded, and also refused).',
    labelNames: ['command'],
    registers: [this.registry],
  });
  private readonly refused = new Counter({
    name: 'workwell_commands_refused_total',
    help: 'Journey commands refused with a 4xx answer, by command type and problem code (SHARING_BLOCKED, STALE_VERSION, ...).',
    labelNames: ['command', 'code'],
    registers: [this.registry],
  });
  private readonly failed = new Counter({
    name: 'workwell_commands_failed_total',
    help: 'Journey commands that failed on our side (5xx), by command type and problem code.',
    labelNames: ['command', 'code'],
    registers: [this.registry],
  });
  private readonly replayed = new Counter({
    name: 'workwell_commands_replayed_total',
    help: 'Retried commands answered from the first recording (same Idempotency-Key), by command type.',
    labelNames: ['command'],
    registers: [this.registry],
  });
  private readonly appends = new Counter({
    name: 'workwell_event_store_appends_total',
    help: 'Appends to the event store by result (appended, duplicate, conflict, failed).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly appendedEvents = new Counter({
    name: 'workwell_event_store_appended_events_total',
    help: 'Events appended to the event store.',
    registers: [this.registry],
  });
  private readonly appendSeconds = new Histogram({
    name: 'workwell_event_store_append_duration_seconds',
    help: 'Time an append took, whatever its result.',
    buckets: appendBuckets,
    registers: [this.registry],
  });

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  commandRecorded(command: string): void {
    this.recorded.inc({ command });
  }
  commandRefused(command: string, code: string): void {
    this.refused.inc({ command, code });
  }
  commandFailed(command: string, code: string): void {
    this.failed.inc({ command, code });
  }
  commandReplayed(command: string): void {
    this.replayed.inc({ command });
  }

  append(result: 'appended' | 'duplicate' | 'conflict' | 'failed', events: number, seconds: number): void {
    this.appends.inc({ result });
    if (result === 'appended') this.appendedEvents.inc(events);
    this.appendSeconds.observe(seconds);
  }
}
