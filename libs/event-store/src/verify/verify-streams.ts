import type { Pool, QueryArrayConfig } from 'pg';
import type { EventStore, StoredEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { toStoredEvents } from '../postgres/postgres-event-store.queries';
import { checkLink, type StreamProblem } from './stream-chain';

export type { StreamProblem } from './stream-chain';

export interface VerifyProgress {
  readonly streams: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface VerifyReport extends VerifyProgress {
  readonly ok: boolean;
  /** At most one per stream: the first place where it differs from what was recorded. */
  readonly problems: readonly StreamProblem[];
}

export interface VerifyOptions {
  readonly streamPrefix?: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Events read per query (default 5,000). */
  readonly pageSize?: number;
}

const pageQuery = (afterStream: string, afterVersion: number, pageSize: number): QueryArrayConfig => ({
  name: 'workwell_event_store_verify_page',
  text: `SELECT position::text, stream_id, version, event_id::text, type, schema_version, data, metadata,
      to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), encode(previous_hash, 'hex'), encode(hash, 'hex')
    FROM events WHERE (stream_id, version) > ($1, $2) ORDER BY events.stream_id, events.version LIMIT $3`,
  values: [afterStream, afterVersion, pageSize],
  rowMode: 'array',
});

/** Every event of the selected streams in (stream, version) order, a page at a time. */
async function* eventsByStream(pool: Pool, prefix: string, pageSize: number): AsyncGenerator<StoredEvent> {
  // Stream ids are in byte order (COLLATE "C"), so those with the prefix are contiguous from it.
  let after = { stream: prefix, version: 0 };
  for (;;) {
    const { rows } = await pool.query<unknown[]>(pageQuery(after.stream, after.version, pageSize));
    for (const event of toStoredEvents(rows)) {
      if (!event.streamId.startsWith(prefix)) return;
      yield event;
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { stream: last[1] as string, version: last[2] as number };
  }
}

/** Every event in global order; for adapters other than PostgreSQL. */
async function* eventsInGlobalOrder(store: EventStore, prefix: string, pageSize: number): AsyncGenerator<StoredEvent> {
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return;
    for (const event of page) if (event.streamId.startsWith(prefix)) yield event;
    after = page[page.length - 1].position;
  }
}

/**
 * Recomputes every stream's hash chain and reports, per stream, the first altered, missing or
 * reordered event. On PostgreSQL (a pool, or a PostgresEventStore) it walks the (stream,
 * version) index in pages with one event of look-ahead: memory stays flat however large the
 * log. Through the port alone it reads in global order and keeps each stream's last event
 * (memory grows with the number of streams, and reorderings show as missing or altered).
 */
export const verifyStreams = async (source: EventStore | Pool, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const prefix = options.streamPrefix ?? '';
  const pageSize = options.pageSize ?? 5_000;
  const started = Date.now();
  const problems: StreamProblem[] = [];
  let streams = 0;
  let events = 0;
  const progress = (): VerifyProgress => {
    const elapsedMs = Date.now() - started;
    return { streams, events, elapsedMs, eventsPerSecond: Math.round((events / Math.max(1, elapsedMs)) * 1000) };
  };
  const counted = (): void => {
    events++;
    if (events % pageSize === 0) options.onProgress?.(progress());
  };

  const pool = source instanceof PostgresEventStore ? source.pool : 'readAll' in source ? undefined : source;
  if (pool) {
    let previous: StoredEvent | undefined;
    let current: StoredEvent | undefined;
    let failed = false;
    const judge = (next: StoredEvent | undefined): void => {
      if (!current) return;
      if (current.streamId !== previous?.streamId) {
        streams++;
        failed = false;
        previous = undefined;
      }
      const found = failed ? null : checkLink(current, previous, next?.streamId === current.streamId ? next : undefined);
      if (found) {
        problems.push(found);
        failed = true;
      }
      counted();
      previous = current;
    };
    for await (const event of eventsByStream(pool, prefix, pageSize)) {
      judge(event);
      current = event;
    }
    judge(undefined);
  } else {
    const heads = new Map<string, StoredEvent | null>();
    for await (const event of eventsInGlobalOrder(source as EventStore, prefix, pageSize)) {
      const previous = heads.get(event.streamId);
      if (previous === undefined) streams++;
      // null marks a stream already reported.
      const found = previous === null ? null : checkLink(event, previous, undefined);
      if (found) problems.push(found);
      heads.set(event.streamId, found || previous === null ? null : event);
      counted();
    }
  }
  const report = progress();
  options.onProgress?.(report);
  return { ...report, ok: problems.length === 0, problems };
};
