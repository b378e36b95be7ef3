import type { Pool, PoolClient } from 'pg';
import type { RecordedJourneyEvent } from '@workwell/domain';
import type { EventStore, StoredEvent, Subscription } from '@workwell/event-store';
import type { JsonLogger } from '@workwell/observability';
import { journeyEventsOf, loadHistories } from './participant-histories';
import { tableNames, type ParticipantHistory, type Projection } from './projection';
import { ensureProjection, swapIn, type Stage } from './projection-store';

export interface RunnerOptions {
  readonly pool: Pool;
  readonly eventStore: EventStore;
  readonly projections: readonly Projection[];
  readonly logger: JsonLogger;
  readonly instanceId: string;
  readonly batchSize?: number;
  /** How often an instance that owns nothing asks again (takes over from a crashed owner). */
  readonly takeoverIntervalMs?: number;
}

interface Owned {
  readonly projection: Projection;
  position: number;
  stage: Stage;
}

export const checkpointChannel = 'workwell_projections';

/**
 * Applies every projection it owns, batch by batch, writing rows and checkpoints in one
 * transaction on the connection that holds the projections' advisory locks: a crash loses the
 * whole batch or nothing, and a crashed owner's locks go with its connection.
 */
export class ProjectionRunner {
  private client: PoolClient | undefined;
  private subscription: Subscription | undefined;
  private readonly owned = new Map<string, Owned>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private waiters: { position: number; resolve: () => void }[] = [];
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunnerOptions) {}

  /** The lowest position all owned projections have applied. */
  get position(): number {
    const positions = [...this.owned.values()].map((o) => o.position);
    return positions.length ? Math.min(...positions) : 0;
  }

  get ownedProjections(): string[] {
    return [...this.owned.keys()];
  }

  async start(): Promise<void> {
    await this.claim();
    this.timer = setInterval(() => void this.serially(() => this.claim()), this.options.takeoverIntervalMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
    await this.busy.catch(() => undefined);
    // Destroyed, not returned to the pool: the session's advisory locks must go with it.
    this.client?.release(true);
    this.client = undefined;
  }

  /** Resolves once every owned projection has applied everything up to `position`. */
  waitFor(position: number): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private serially(work: () => Promise<void>): Promise<void> {
    this.busy = this.busy.then(work).catch((error: Error) => this.options.logger.error('projector step failed', { error }));
    return this.busy;
  }

  private async claim(): Promise<void> {
    if (this.stopped) return;
    if (this.client && !(await this.connectionAlive())) await this.dropConnection();
    if (!this.client) {
      this.client = await this.options.pool.connect();
      // A held client that loses its server emits here; the next step notices and reconnects.
      this.client.on('error', (error) => this.options.logger.warn('projector connection lost', { error }));
    }
    let gained = false;
    for (const projection of this.options.projections) {
      if (this.owned.has(projection.name)) continue;
      const { rows } = await this.client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`projection:${projection.name}`]);
      if (!rows[0].locked) continue;
      const checkpoint = await ensureProjection(this.client, projection);
      this.owned.set(projection.name, { projection, position: checkpoint.position, stage: checkpoint.state });
      this.options.logger.info('projection owned', { projection: projection.name, version: projection.version, position: checkpoint.position, stage: checkpoint.state });
      gained = true;
    }
    if (gained || (!this.subscription && this.owned.size > 0)) await this.resubscribe();
  }

  private async resubscribe(): Promise<void> {
    await this.subscription?.close();
    this.subscription = this.options.eventStore.subscribeToAll({
      after: this.position,
      batchSize: this.options.batchSize ?? 1_000,
      onEvents: (events) => this.serially(() => this.applyOrRecover(events)),
      onError: (error) => {
        this.options.logger.warn('subscription lost; resubscribing', { error });
        this.subscription = undefined;
        setTimeout(() => void this.serially(() => this.claim()), 1_000).unref();
      },
    });
  }

  /** A failed batch is rolled back whole; read it again from the checkpoint after a pause. */
  private async applyOrRecover(events: readonly StoredEvent[]): Promise<void> {
    try {
      await this.applyBatch(events);
    } catch (error) {
      this.options.logger.error('projection batch failed; retrying from the checkpoint', { error: error as Error, from: events[0]?.position });
      const subscription = this.subscription;
      this.subscription = undefined;
      void subscription?.close().catch(() => undefined);
      setTimeout(() => void this.serially(() => this.claim()), 1_000).unref();
    }
  }

  private async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    if (this.stopped || events.length === 0 || !this.client) return;
    const last = events[events.length - 1].position;
    const journeyEvents = journeyEventsOf(events);
    let histories: Promise<Map<string, ParticipantHistory>> | undefined;
    const sharedHistories = () => (histories ??= loadHistories(this.options.eventStore, journeyEvents));
    const client = this.client;
    await client.query('BEGIN');
    try {
      for (const owned of this.owned.values()) {
        if (owned.position >= last) continue;
        const handled = journeyEvents.filter((e: RecordedJourneyEvent) => e.position > owned.position && owned.projection.handles.includes(e.type));
        if (handled.length) await owned.projection.apply(client, { events: handled, histories: sharedHistories }, tableNames(owned.projection));
        await client.query('UPDATE projection_checkpoints SET position = $3, updated_at = now() WHERE projection = $1 AND version = $2', [owned.projection.name, owned.projection.version, last]);
      }
      await client.query('SELECT pg_notify($1, $2)', [checkpointChannel, String(last)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const owned of this.owned.values()) owned.position = Math.max(owned.position, last);
    await this.swapCaughtUp();
    this.releaseWaiters();
  }

  private async swapCaughtUp(): Promise<void> {
    const building = [...this.owned.values()].filter((o) => o.stage === 'building');
    if (building.length === 0 || !this.client) return;
    const head = await this.options.eventStore.headPosition();
    for (const owned of building) {
      if (owned.position < head) continue;
      await swapIn(this.client, owned.projection);
      owned.stage = 'live';
      this.options.logger.info('rebuilt projection swapped in', { projection: owned.projection.name, version: owned.projection.version });
    }
  }

  private releaseWaiters(): void {
    const position = this.position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  private async connectionAlive(): Promise<boolean> {
    try {
      await this.client!.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async dropConnection(): Promise<void> {
    this.options.logger.warn('projector lost its database connection; giving up its projections to reclaim them');
    await this.subscription?.close().catch(() => undefined);
    this.subscription = undefined;
    this.client?.release(true);
    this.client = undefined;
    this.owned.clear();
  }
}
