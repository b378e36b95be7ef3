import type { Pool } from 'pg';
import { eventsChannel } from './postgres-event-store.schema';
import { notifyQuery } from './postgres-event-store.queries';

/**
 * Tells listeners that events were committed, after the commit and coalesced: at most one
 * NOTIFY in flight and at most one per `minIntervalMs`, and one more after it if anything
 * committed meanwhile, so every commit is followed by at least one NOTIFY.
 *
 * Not NOTIFY inside the append's transaction: PostgreSQL serialises the commits of notifying
 * transactions behind one lock held through their WAL flush, which cost two thirds of the
 * append throughput with 16 writers (1,860/s against 5,280/s, measured here). A notification
 * lost because the process died between commit and NOTIFY is covered by the subscribers'
 * idle re-check.
 */
export class PostgresChangeNotifier {
  private busy = false;
  private again = false;
  private lastSentAt = 0;

  constructor(
    private readonly pool: Pool,
    private readonly minIntervalMs: number,
  ) {}

  committed(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    const wait = Math.max(0, this.lastSentAt + this.minIntervalMs - Date.now());
    setTimeout(() => this.send(), wait).unref();
  }

  private send(): void {
    this.lastSentAt = Date.now();
    this.again = false;
    this.pool
      .query(notifyQuery(eventsChannel))
      // Best effort by design (see above): the subscribers' re-check covers a failed NOTIFY.
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        if (this.again) this.committed();
      });
  }
}
