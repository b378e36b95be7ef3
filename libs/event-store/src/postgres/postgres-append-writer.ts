import type { Pool, QueryConfig } from 'pg';
import type { PreparedEvent } from '../prepared-event';
import { appendQuery, toPosition } from './postgres-event-store.queries';
import { isConnectionFailure } from './postgres-errors';

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly idempotencyKey?: string;
}

interface Pending extends AppendRequest {
  resolve(positions: number[]): void;
  reject(error: unknown): void;
}

const rowJson = (e: PreparedEvent): string =>
  `{"s":${JSON.stringify(e.streamId)},"v":${e.version},"e":${JSON.stringify(e.eventId)},"t":${JSON.stringify(e.type)},` +
  `"sv":${e.schemaVersion},"d":${e.dataJson},"m":${e.metadataJson},"r":"${e.recordedAt}",` +
  `"ph":${e.previousHash === null ? 'null' : `"${e.previousHash}"`},"h":"${e.hash}"}`;

/** The one statement that appends these requests atomically (also used by tests inside explicit transactions). */
export const appendStatement = (batch: readonly AppendRequest[]): QueryConfig => {
  const rows: string[] = [];
  const keys: string[] = [];
  for (const request of batch) {
    for (const event of request.events) rows.push(rowJson(event));
    if (request.idempotencyKey !== undefined) {
      const first = request.events[0].version;
      const last = request.events[request.events.length - 1].version;
      keys.push(`{"k":${JSON.stringify(request.idempotencyKey)},"s":${JSON.stringify(request.streamId)},"f":${first},"l":${last}}`);
    }
  }
  return appendQuery(`[${rows.join(',')}]`, `[${keys.join(',')}]`);
};

/**
 * Writes appends as single statements (one round trip, autocommit) and, while `maxInFlight`
 * statements are already running, coalesces the appends that queue up into one statement:
 * one commit and one WAL flush for many writers, which is where a busy store spends its time.
 * A coalesced batch holds at most one append per stream and per idempotency key; if it fails
 * for any reason other than a lost connection, each of its appends is retried on its own, so
 * an append's outcome never depends on the others it happened to travel with.
 */
export class PostgresAppendWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly maxInFlight: number,
    private readonly maxBatchEvents: number,
  ) {}

  /** Resolves with the position of each event, in order, once the append has committed. */
  write(request: AppendRequest): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const streams = new Set<string>();
    const keys = new Set<string>();
    let events = 0;
    for (let i = 0; i < this.queue.length;) {
      const next = this.queue[i];
      const fits = batch.length === 0 || events + next.events.length <= this.maxBatchEvents;
      const clash = streams.has(next.streamId) || (next.idempotencyKey !== undefined && keys.has(next.idempotencyKey));
      if (!fits || clash) {
        i++;
        continue;
      }
      batch.push(next);
      streams.add(next.streamId);
      if (next.idempotencyKey !== undefined) keys.add(next.idempotencyKey);
      events += next.events.length;
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const positions = await this.execute(batch);
      batch.forEach((request, i) => request.resolve(positions[i]));
    } catch (error) {
      if (batch.length === 1 || isConnectionFailure(error)) {
        batch.forEach((request) => request.reject(error));
        return;
      }
      await Promise.all(
        batch.map((request) =>
          this.execute([request]).then(
            ([positions]) => request.resolve(positions),
            (soloError: unknown) => request.reject(soloError),
          ),
        ),
      );
    }
  }

  private async execute(batch: readonly AppendRequest[]): Promise<number[][]> {
    const result = await this.pool.query<{ position: string; stream_id: string; version: number }>(appendStatement(batch));
    const byStream = new Map<string, number[]>(batch.map((request) => [request.streamId, new Array<number>(request.events.length)]));
    const firstVersion = new Map(batch.map((request) => [request.streamId, request.events[0].version]));
    for (const row of result.rows) byStream.get(row.stream_id)![row.version - firstVersion.get(row.stream_id)!] = toPosition(row.position);
    return batch.map((request) => byStream.get(request.streamId)!);
  }
}
