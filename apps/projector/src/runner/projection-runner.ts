import { Pool, type PoolClient } from 'pg';
import type { EventStore, StoredEvent, Subscription } from '@workwell/event-store';
import type { JsonLogger } from '@workwell/observability';
import { applyBatch, type Target } from './apply-batch';
import { HistoryCache } from './participant-histories';
import type { Projection } from '@workwell/read-models';
import { ensureProjection, swapIn, type Stage } from './projection-store';
import { SiteRegistryFollower } from './site-registry.follower';

export interface RunnerOptions {
  readonly pool: Pool;
  readonly eventStore: EventStore;
  readonly projections: readonly Projection[];
  readonly logger: JsonLogger;
  readonly instanceId: string;
  readonly batchSize?: number;
  /** How often an instance asks again for projections it does not own (takes over from a crashed owner). */
  readonly takeoverIntervalMs?: number;
}

type Owned = Target & { stage: Stage };

export const projectionLock = (name: string): string => `projection:${name}`;

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
  private histories = new HistoryCache();
  private readonly sites: SiteRegistryFollower;
  /**
   * The runner's own connection, apart from the pool: it holds the projections' locks, and it is
   * pipelined, so that a batch's statements share round trips (see `applyBatch`).
   */
  private readonly connection: Pool;

  constructor(private readonly options: RunnerOptions) {
    this.sites = new SiteRegistryFollower(options.eventStore);
    this.connection = new Pool({ ...options.pool.options, max: 1, pipeline: true });
    this.connection.on('error', () => undefined);
  }

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
    if (!this.connection.ending) await this.connection.end();
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
    if (!this.client) {
      this.client = await this.connection.connect();
      // A held client that loses its server emits here; the next step notices and starts over.
      this.client.on('error', (error) => this.options.logger.warn('projector connection lost', { error }));
    }
    let gained = false;
    for (const projection of this.options.projections) {
      if (this.owned.has(projection.name)) continue;
      const { rows } = await this.client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [projectionLock(projection.name)]);
      if (!rows[0].locked) continue;
      const checkpoint = await ensureProjection(this.client, projection);
      this.owned.set(projection.name, {
        projection,
        generation: checkpoint.generation,
        position: checkpoint.position,
        stage: checkpoint.state,
      });
      this.options.logger.info('projection owned', {
        projection: projection.name,
        version: projection.version,
        generation: checkpoint.generation,
        position: checkpoint.position,
        stage: checkpoint.state,
      });
      gained = true;
    }
    if (gained) await this.sites.load();
    if (gained || (!this.subscription && this.owned.size > 0)) await this.resubscribe();
    // Claimed at a checkpoint already past what someone waits for (a rebuild swapped in ahead): no batch would tell them.
    if (gained) this.releaseWaiters();
  }

  private async resubscribe(): Promise<void> {
    await this.subscription?.close();
    this.subscription = this.options.eventStore.subscribeToAll({
      after: this.position,
      batchSize: this.options.batchSize ?? 1_000,
      onEvents: (events) => this.serially(() => this.applyOrStartOver(events)),
      onError: (error) => {
        this.options.logger.warn('subscription lost; starting over from the checkpoints', { error });
        void this.serially(() => this.startOver());
      },
    });
  }

  /**
   * A failed batch is rolled back whole. The projector then gives up its connection, its locks
   * and what it thought it owned, and claims again from the checkpoints: that also follows a
   * rebuild that swapped a new generation in under it.
   */
  private async applyOrStartOver(events: readonly StoredEvent[]): Promise<void> {
    if (this.stopped || !this.client) return;
    try {
      const sites = await this.sites.follow(events);
      await applyBatch(this.client, this.options.eventStore, [...this.owned.values()], events, this.histories, sites);
    } catch (error) {
      this.options.logger.error('projection batch failed; starting over from the checkpoints', {
        error: error as Error,
        from: events[0]?.position,
      });
      await this.startOver();
      return;
    }
    await this.swapCaughtUp();
    this.releaseWaiters();
  }

  private async startOver(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    // Not awaited: we may be inside this subscription's own delivery, which its close waits for.
    void subscription?.close().catch(() => undefined);
    this.client?.release(true);
    this.client = undefined;
    this.owned.clear();
    this.histories = new HistoryCache();
    if (this.stopped) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await this.claim();
  }

  private async swapCaughtUp(): Promise<void> {
    const building = [...this.owned.values()].filter((o) => o.stage === 'building');
    if (building.length === 0 || !this.client) return;
    const head = await this.options.eventStore.headPosition();
    for (const owned of building) {
      if (owned.position < head) continue;
      await swapIn(this.client, owned.projection, owned.generation);
      owned.stage = 'live';
      this.options.logger.info('rebuilt projection swapped in', {
        projection: owned.projection.name,
        version: owned.projection.version,
        generation: owned.generation,
      });
    }
  }

  private releaseWaiters(): void {
    const position = this.position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }
}
