import { Gauge, type Registry } from 'prom-client';
import type { ApiDependencies } from '../infrastructure/api.dependencies';

/** Counting pending events stops here: past it the projection is "very far behind" and the exact figure costs more than it tells. */
export const lagCountCap = 1_000_000;

interface CheckpointRow {
  projection: string;
  version: number;
  generation: number;
  state: string;
  position: string;
  updated_at: Date;
}

const checkpointLabels = ['projection', 'version', 'generation', 'state'] as const;

/**
 * Where the event store and each projection stand, read from the database at each scrape: the
 * store's head, each checkpoint, and the lag between them in events and in seconds (the age of
 * the oldest event not yet applied).
 */
export class StoreGauges {
  private readonly up: Gauge;
  private readonly head: Gauge;
  private readonly position: Gauge<(typeof checkpointLabels)[number]>;
  private readonly lagEvents: Gauge<(typeof checkpointLabels)[number]>;
  private readonly lagSeconds: Gauge<(typeof checkpointLabels)[number]>;
  private readonly checkpointAge: Gauge<(typeof checkpointLabels)[number]>;
  private readonly heartbeatAge: Gauge;

  constructor(
    registry: Registry,
    private readonly deps: ApiDependencies,
  ) {
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Gauge<L>({ name, help, labelNames, registers: [registry] });
    this.up = gauge('workwell_up', 'Whether the API could reach the event store (1) or not (0).');
    this.head = gauge('workwell_event_store_head_position', 'Global position of the last event a subscriber can read.');
    this.position = gauge('workwell_projection_position', 'Global position each projection has applied.', checkpointLabels);
    this.lagEvents = gauge(
      'workwell_projection_lag_events',
      `Events in the store that each projection has still to apply (counted up to ${lagCountCap.toLocaleString('en-GB')}).`,
      checkpointLabels,
    );
    this.lagSeconds = gauge(
      'workwell_projection_lag_seconds',
      'Age of the oldest event each projection has still to apply (0 when caught up).',
      checkpointLabels,
    );
    this.checkpointAge = gauge(
      'workwell_projection_checkpoint_age_seconds',
      'Seconds since each projection last moved its checkpoint.',
      checkpointLabels,
    );
    this.heartbeatAge = gauge('workwell_projector_heartbeat_age_seconds', 'Seconds since a projector last said it was alive.');
  }

  async refresh(): Promise<void> {
    for (const gauge of [this.head, this.position, this.lagEvents, this.lagSeconds, this.checkpointAge, this.heartbeatAge]) gauge.reset();
    const head = await this.deps.eventStore.headPosition().catch(() => undefined);
    this.up.set(head === undefined ? 0 : 1);
    if (head !== undefined) this.head.set(head);
    const pool = this.deps.pool;
    const { rows } = await pool
      .query<CheckpointRow>(
        `SELECT projection, version, generation, state, position, updated_at FROM projection_checkpoints WHERE state <> 'retired' ORDER BY projection, version, generation`,
      )
      .catch(() => ({ rows: [] as CheckpointRow[] }));
    const now = this.deps.clock().getTime();
    const lags = new Map<number, Promise<{ events: number; seconds: number } | undefined>>();
    for (const row of rows) {
      const labels = { projection: row.projection, version: row.version, generation: row.generation, state: row.state };
      const position = Number(row.position);
      this.position.set(labels, position);
      this.checkpointAge.set(labels, Math.max(0, (now - row.updated_at.getTime()) / 1000));
      if (head === undefined) continue;
      if (!lags.has(position)) lags.set(position, this.lag(position, head, now));
      const lag = await lags.get(position)!;
      if (!lag) continue;
      this.lagEvents.set(labels, lag.events);
      this.lagSeconds.set(labels, lag.seconds);
    }
    const { rows: beats } = await pool
      .query<{ seen_at: Date | null }>('SELECT max(seen_at) AS seen_at FROM projector_heartbeats')
      .catch(() => ({ rows: [] as { seen_at: Date | null }[] }));
    if (beats[0]?.seen_at) this.heartbeatAge.set(Math.max(0, (now - beats[0].seen_at.getTime()) / 1000));
  }

  private async lag(position: number, head: number, now: number): Promise<{ events: number; seconds: number } | undefined> {
    if (position >= head) return { events: 0, seconds: 0 };
    try {
      const [oldest] = await this.deps.eventStore.readAll({ after: position, maxCount: 1 });
      return {
        events: await this.pending(position, head),
        seconds: oldest ? Math.max(0, (now - Date.parse(oldest.recordedAt)) / 1000) : 0,
      };
    } catch {
      return undefined;
    }
  }

  /** PostgreSQL positions are not contiguous (transaction id and ordinal), so pending events are counted, on the primary key. */
  private async pending(position: number, head: number): Promise<number> {
    if (this.deps.config.eventStore !== 'postgres') {
      // The port has no count: a page of the EventStoreDB log, capped at its size.
      return (await this.deps.eventStore.readAll({ after: position, maxCount: 1000 })).filter((e) => e.position <= head).length;
    }
    const { rows } = await this.deps.pool.query<{ count: string }>(
      'SELECT count(*) AS count FROM (SELECT 1 FROM events WHERE position > $1 AND position <= $2 LIMIT $3) pending',
      [position, head, lagCountCap],
    );
    return Number(rows[0].count);
  }
}
