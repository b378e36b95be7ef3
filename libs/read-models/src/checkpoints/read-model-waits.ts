import { Client, type Pool } from 'pg';
import { readModelPosition, readModelsChannel } from './read-model-position';

/** The read models did not reach the position in time; the caller may try again shortly. */
export class ReadModelsBehind extends Error {
  constructor(
    readonly wanted: number,
    readonly current: number,
  ) {
    super(`The read models are at position ${current} and have not reached ${wanted} yet.`);
    this.name = 'ReadModelsBehind';
  }
}

/** More readers are waiting than this process lets wait at once. */
export class TooManyWaiting extends Error {
  constructor(readonly limit: number) {
    super(`${limit} reads are already waiting for the read models in this process.`);
    this.name = 'TooManyWaiting';
  }
}

interface Waiter {
  readonly position: number;
  readonly resolve: (position: number) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface ReadModelWaitsOptions {
  /** Readers that may wait at once (default 256); more are refused at once. */
  readonly maxWaiting?: number;
  /** How often the position is read while someone waits, in case a notification was missed (default 1 s). */
  readonly recheckMs?: number;
}

/**
 * Read-your-writes for a whole process: every reader waiting for a position (`?minPosition=`)
 * shares ONE listening connection of its own and one position check per notification, and holds
 * no pool connection while it waits, so waiting readers cannot starve writers of connections. The
 * number waiting is capped; a wait that runs out answers `ReadModelsBehind`, not a stale read.
 */
export class ReadModelWaits {
  private readonly waiters = new Set<Waiter>();
  private listener: Promise<Client> | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private checkAgain = false;
  private closed = false;
  private readonly maxWaiting: number;
  private readonly recheckMs: number;

  constructor(
    private readonly pool: Pool,
    options: ReadModelWaitsOptions = {},
  ) {
    this.maxWaiting = options.maxWaiting ?? 256;
    this.recheckMs = options.recheckMs ?? 1_000;
  }

  get waiting(): number {
    return this.waiters.size;
  }

  /** Resolves with the read models' position once it is at least `position`. */
  async waitFor(position: number, timeoutMs: number): Promise<number> {
    const current = await readModelPosition(this.pool);
    if (current >= position) return current;
    if (this.waiters.size >= this.maxWaiting) throw new TooManyWaiting(this.maxWaiting);
    this.listen();
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          void readModelPosition(this.pool).then(
            (now) => (now >= position ? resolve(now) : reject(new ReadModelsBehind(position, now))),
            () => reject(new ReadModelsBehind(position, current)),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.recheck ??= setInterval(() => this.check(), this.recheckMs);
      // A batch may have committed between the first read and the LISTEN.
      this.check();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.recheck) clearInterval(this.recheck);
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new ReadModelsBehind(waiter.position, 0));
    }
    this.waiters.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.then((client) => client.end()).catch(() => undefined);
  }

  private listen(): void {
    if (this.listener || this.closed) return;
    const client = new Client({ ...this.pool.options, application_name: 'workwell-read-model-waits' });
    const connected = (async () => {
      await client.connect();
      await client.query(`LISTEN ${readModelsChannel}`);
      return client;
    })();
    this.listener = connected;
    const lost = () => {
      // Waiters carry on with the periodic check; the next wait listens again.
      if (this.listener === connected) this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('notification', () => this.check());
    client.on('error', lost);
    client.on('end', lost);
    connected.catch(lost);
  }

  /** One position read at a time, however many notifications arrive; another runs if one came meanwhile. */
  private check(): void {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = (async () => {
      do {
        this.checkAgain = false;
        if (this.waiters.size === 0) break;
        const position = await readModelPosition(this.pool).catch(() => undefined);
        if (position === undefined) break;
        for (const waiter of this.waiters) {
          if (waiter.position > position) continue;
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          waiter.resolve(position);
        }
      } while (this.checkAgain);
    })().finally(() => {
      this.checking = undefined;
      if (this.waiters.size === 0 && this.recheck) {
        clearInterval(this.recheck);
        this.recheck = undefined;
      }
    });
  }
}
