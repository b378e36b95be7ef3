import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';

/** Delivers from an append-only log whose positions are 1, 2, 3, ...: the event at position p sits at index p - 1. */
export class InMemorySubscription implements Subscription {
  private delivered: number;
  private cursor: number;
  private closed = false;
  private wanted = false;
  private draining: Promise<void> | undefined;
  private readonly batchSize: number;

  constructor(
    private readonly log: readonly StoredEvent[],
    private readonly options: SubscribeOptions,
    private readonly onClosed: (subscription: InMemorySubscription) => void,
  ) {
    this.delivered = this.cursor = options.after ?? 0;
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a positive integer.');
    // Not before the caller holds the subscription.
    queueMicrotask(() => this.poke());
  }

  get position(): number {
    return this.delivered;
  }

  poke(): void {
    if (this.closed) return;
    this.wanted = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      if (this.wanted) this.poke();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.onClosed(this);
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.closed) {
      this.wanted = false;
      const batch: StoredEvent[] = [];
      const prefix = this.options.streamPrefix;
      let index = this.cursor;
      for (; index < this.log.length && batch.length < this.batchSize; index++) {
        const event = this.log[index];
        if (prefix === undefined || event.streamId.startsWith(prefix)) batch.push(event);
      }
      this.cursor = index;
      if (batch.length === 0) continue;
      try {
        await this.options.onEvents(batch);
      } catch (error) {
        void this.close();
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.delivered = batch[batch.length - 1].position;
      this.wanted = true;
    }
  }
}
