import { Client, type ClientConfig } from 'pg';
import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { isConnectionFailure } from './postgres-errors';
import { eventsChannel } from './postgres-event-store.schema';
import { subscriptionPageQuery, toPosition, toStoredEvents } from './postgres-event-store.queries';

export interface PostgresSubscriptionSettings {
  /** For the subscription's own connection (LISTEN and its reads). */
  readonly connection: ClientConfig;
  /** Re-read after this long when committed events wait behind an unfinished transaction. */
  readonly heldBackRecheckMs: number;
  /** Re-read after this long with nothing heard at all, in case a NOTIFY was lost (0: never). */
  readonly idleRecheckMs: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
}

interface Page {
  readonly events: StoredEvent[];
  readonly horizon: number;
  readonly newest: number;
}

const ignore = (): void => undefined;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Catches up by reading pages after its cursor, then waits for a NOTIFY, a held-back re-check
 * or the idle re-check and reads again; notifications that arrive while it reads coalesce
 * into one more read. Every read is bounded by the horizon (see the queries), so the cursor
 * can move to just below it: all events under it have been seen, none can turn up later.
 * A lost connection is reopened with backoff and reading resumes from the cursor.
 */
export class PostgresSubscription implements Subscription {
  private delivered: number;
  private cursor: number;
  private client: Client | undefined;
  private closed = false;
  private wanted = false;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconnectDelay: number;
  private readonly batchSize: number;

  constructor(
    private readonly options: SubscribeOptions,
    private readonly settings: PostgresSubscriptionSettings,
    private readonly onClosed: (subscription: PostgresSubscription) => void,
  ) {
    this.delivered = this.cursor = options.after ?? 0;
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a positive integer.');
    this.reconnectDelay = settings.reconnectMinMs;
    void this.connect();
  }

  get position(): number {
    return this.delivered;
  }

  /** Something may have been committed: read again (now, or right after the current read). */
  poke(): void {
    if (this.closed) return;
    this.wanted = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // Without a connection the reconnect pokes once it has one.
      if (this.wanted && this.client) this.poke();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return this.draining;
    this.closed = true;
    clearTimeout(this.timer);
    this.onClosed(this);
    const client = this.client;
    this.client = undefined;
    await this.draining;
    await client?.end().catch(ignore);
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      const client = new Client(this.settings.connection);
      client.on('notification', () => this.poke());
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${eventsChannel}`);
        if (this.closed) {
          await client.end().catch(ignore);
          return;
        }
        this.client = client;
        this.reconnectDelay = this.settings.reconnectMinMs;
        this.poke();
        return;
      } catch {
        await client.end().catch(ignore);
        await sleep(this.reconnectDelay);
        this.reconnectDelay = Math.min(this.settings.reconnectMaxMs, this.reconnectDelay * 2);
      }
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(ignore);
    if (!this.closed) void sleep(this.reconnectDelay).then(() => this.connect());
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.closed && this.client) {
      const client = this.client;
      this.wanted = false;
      clearTimeout(this.timer);
      let page: Page;
      try {
        page = await this.readPage(client);
      } catch (error) {
        if (isConnectionFailure(error) || this.client !== client) this.lost(client);
        else this.fail(error);
        return;
      }
      if (page.events.length > 0) {
        try {
          await this.options.onEvents(page.events);
        } catch (error) {
          this.fail(error);
          return;
        }
        this.delivered = page.events[page.events.length - 1].position;
      }
      if (page.events.length === this.batchSize) {
        this.cursor = this.delivered;
        this.wanted = true;
        continue;
      }
      this.cursor = Math.max(this.cursor, page.horizon - 1);
      this.arm(page.newest >= page.horizon ? this.settings.heldBackRecheckMs : this.settings.idleRecheckMs);
    }
  }

  private async readPage(client: Client): Promise<Page> {
    const { rows } = await client.query<unknown[]>(subscriptionPageQuery(this.cursor, this.batchSize, this.options.streamPrefix ?? null));
    const [horizon, newest] = rows[0] as [string, string | null];
    return {
      events: toStoredEvents(
        rows.filter((row) => row[2] !== null),
        2,
      ),
      horizon: toPosition(horizon),
      newest: newest === null ? 0 : toPosition(newest),
    };
  }

  private arm(delayMs: number): void {
    clearTimeout(this.timer);
    if (delayMs > 0 && !this.closed) this.timer = setTimeout(() => this.poke(), delayMs).unref();
  }

  private fail(error: unknown): void {
    void this.close();
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }
}
