import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { NewEvent } from '../event-store.port';
import {
  assertStreamId,
  emptyStreamHead,
  isUuid,
  maxEventsPerTransaction,
  prepareEvents,
  type PreparedEvent,
  type StreamHead,
} from '../prepared-event';
import { binaryCopyColumns, binaryCopyHeader, binaryCopyTrailer, binaryRows, setPositions, type BinaryRows } from './copy-binary';
import { PostgresEventStore } from './postgres-event-store';
import { notifyQuery } from './postgres-event-store.queries';
import { eventsChannel } from './postgres-event-store.schema';

/** An event of a legacy history: it may say when it was recorded there (ISO 8601); otherwise it is recorded now. */
export type ImportEvent = NewEvent & { readonly recordedAt?: string };

export interface ImportStream {
  readonly streamId: string;
  readonly events: readonly ImportEvent[];
}

/** A history's own recording time, normalised to the millisecond form that round-trips through timestamptz. */
const recordedAtOf =
  (now: string) =>
  (event: ImportEvent): string => {
    if (event.recordedAt === undefined) return now;
    const millis = Date.parse(event.recordedAt);
    if (Number.isNaN(millis)) throw new TypeError(`recordedAt "${event.recordedAt}" of a ${event.type} is not an ISO 8601 time.`);
    return new Date(millis).toISOString();
  };

/** The ids a history brings must be UUIDs (the column's type); those it leaves out are made, and need no check. */
const assertEventIds = (streamId: string, events: readonly ImportEvent[], head: StreamHead): void => {
  for (let i = 0; i < events.length; i++) {
    const id = events[i].eventId;
    if (id !== undefined && !isUuid(id))
      throw new TypeError(`The event id "${id}" of ${streamId} version ${head.version + i + 1} is not a UUID.`);
  }
};

export interface ImportProgress {
  readonly events: number;
  readonly streams: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface BulkImportOptions {
  /** Events per transaction (default 50,000; at most 65,536, the per-transaction ordinal limit). */
  readonly eventsPerTransaction?: number;
  /** Transactions copied at once, on as many connections (default 2). */
  readonly parallelism?: number;
  /** Called after each committed transaction. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Server-side limit on the import's connection idling inside a transaction (default: the store's, or 30 s). */
  readonly idleInTransactionTimeoutMs?: number;
}

interface Chunk {
  /** The rows, in pieces of about `rowsPerPiece`, their positions filled in once the transaction's id is known. */
  readonly pieces: BinaryRows[];
  readonly streamIds: string[];
  /** A stream begun in an earlier chunk: it exists, and that is fine. */
  readonly continued: string | undefined;
  readonly events: number;
}

interface Carry {
  readonly stream: ImportStream;
  readonly offset: number;
  readonly head: StreamHead;
}

/**
 * Positions are written by the importer, not by the column default: the default's transaction-local
 * counter (a setting read and written per row) costs the server a function call a row. They are the
 * same numbers, `(transaction id << 16) + ordinal`, and the table's CHECK holds each to the
 * transaction's own id, which the server still fills in.
 */
const copySql = `COPY events (${binaryCopyColumns}) FROM STDIN (FORMAT binary)`;
const rowsPerPiece = 1_000;

/** The COPY data of a chunk: header, its pieces with the positions of the transaction `transactionId`, trailer. */
function* copyData(pieces: readonly BinaryRows[], transactionId: bigint): Generator<Buffer> {
  yield binaryCopyHeader;
  let ordinal = 0;
  for (const piece of pieces) {
    setPositions(piece, (transactionId << 16n) + BigInt(ordinal));
    ordinal += piece.positionAt.length;
    yield piece.buffer;
  }
  yield binaryCopyTrailer;
}
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Imports whole new streams (a legacy system's history) through COPY, in transactions of at
 * most `eventsPerTransaction` events, hashing app-side exactly as `append` does. Refuses a
 * stream that already exists. A transaction holds whole streams unless one stream alone is
 * larger; such a stream's parts are copied one after the other, so its positions rise with
 * its versions, while other transactions run side by side. Each transaction commits on its
 * own: on failure, the error says how many events were committed, all in complete streams
 * (but for the part-copied stream, if the failure hit it). Rows are prepared while others
 * are copied, and no transaction ever waits for the input, so a slow source cannot hold
 * subscribers back.
 */
export const bulkImport = async (
  target: PostgresEventStore | Pool,
  streams: AsyncIterable<ImportStream> | Iterable<ImportStream>,
  options: BulkImportOptions = {},
): Promise<ImportProgress> => {
  const perTransaction = options.eventsPerTransaction ?? 50_000;
  if (!Number.isInteger(perTransaction) || perTransaction < 1 || perTransaction > maxEventsPerTransaction) {
    throw new RangeError(`eventsPerTransaction must be between 1 and ${maxEventsPerTransaction}.`);
  }
  const store = target instanceof PostgresEventStore ? target : undefined;
  const pool = store ? store.pool : (target as Pool);
  const idleTimeoutMs = options.idleInTransactionTimeoutMs ?? store?.idleInTransactionTimeoutMs ?? 30_000;
  const input = (
    Symbol.asyncIterator in streams ? streams[Symbol.asyncIterator]() : (streams as Iterable<ImportStream>)[Symbol.iterator]()
  ) as AsyncIterator<ImportStream> | Iterator<ImportStream>;
  const started = Date.now();
  let carry: Carry | undefined;
  let done = { events: 0, streams: 0 };
  const progress = (): ImportProgress => {
    const elapsedMs = Date.now() - started;
    return { ...done, elapsedMs, eventsPerSecond: Math.round((done.events / Math.max(1, elapsedMs)) * 1000) };
  };

  const buildChunk = async (): Promise<Chunk | undefined> => {
    const pieces: BinaryRows[] = [];
    const streamIds: string[] = [];
    const continued = carry && carry.offset > 0 ? carry.stream.streamId : undefined;
    let rows: PreparedEvent[] = [];
    let events = 0;
    while (events < perTransaction) {
      let current = carry;
      carry = undefined;
      if (!current) {
        const next = await input.next();
        if (next.done) break;
        assertStreamId(next.value.streamId);
        current = { stream: next.value, offset: 0, head: emptyStreamHead };
      }
      // Keep streams whole: one that does not fit opens the next transaction instead.
      if (current.offset === 0 && events > 0 && events + current.stream.events.length > perTransaction) {
        carry = current;
        break;
      }
      if (current.offset === 0) streamIds.push(current.stream.streamId);
      const take = Math.min(perTransaction - events, current.stream.events.length - current.offset);
      const slice = current.stream.events.slice(current.offset, current.offset + take);
      assertEventIds(current.stream.streamId, slice, current.head);
      const prepared = prepareEvents(current.stream.streamId, slice, current.head, recordedAtOf(new Date().toISOString()));
      for (const event of prepared) rows.push(event);
      events += take;
      if (current.offset + take < current.stream.events.length) {
        const last = prepared[prepared.length - 1];
        carry = { stream: current.stream, offset: current.offset + take, head: { version: last.version, hash: last.hash } };
      }
      if (rows.length >= rowsPerPiece) {
        pieces.push(binaryRows(rows));
        rows = [];
        // Let the COPY of the previous chunk move on while this one is being prepared.
        await yieldToIo();
      }
    }
    if (rows.length > 0) pieces.push(binaryRows(rows));
    return events === 0 ? undefined : { pieces, streamIds, continued, events };
  };

  const parallelism = Math.max(1, options.parallelism ?? 2);
  const idle: PoolClient[] = [];
  const connected: PoolClient[] = [];
  const copying = new Set<Promise<void>>();
  let failure: unknown;
  let next = buildChunk();
  try {
    for (let chunk = await next; chunk; chunk = await next) {
      next = buildChunk();
      // Surfaces through the next `await next`; not an unhandled rejection meanwhile.
      next.catch(() => undefined);
      // A stream's later part must get later positions: its earlier part commits first.
      if (chunk.continued !== undefined) await Promise.all(copying);
      while (copying.size >= parallelism) await Promise.race(copying);
      if (failure) break;
      const client = idle.pop() ?? (await pool.connect());
      if (!connected.includes(client)) connected.push(client);
      const copied = chunk;
      const job: Promise<void> = copyChunk(client, copied, idleTimeoutMs)
        .then(async () => {
          done = { events: done.events + copied.events, streams: done.streams + copied.streamIds.length };
          if (store) store.committed();
          else await pool.query(notifyQuery(eventsChannel)).catch(() => undefined);
          options.onProgress?.(progress());
        })
        .catch((error: unknown) => void (failure ??= error))
        .finally(() => {
          idle.push(client);
          copying.delete(job);
        });
      copying.add(job);
    }
    await Promise.all(copying);
  } finally {
    await Promise.all(copying);
    connected.forEach((client) => client.release());
  }
  if (failure)
    throw new Error(`Bulk import stopped after ${done.events} committed events: ${(failure as Error).message}`, { cause: failure });
  return progress();
};

const copyChunk = async (client: PoolClient, chunk: Chunk, idleTimeoutMs: number): Promise<void> => {
  // A Set, not indexOf: a chunk holds thousands of streams.
  const seen = new Set<string>();
  const duplicate = chunk.streamIds.find((id) => seen.size === seen.add(id).size);
  if (duplicate !== undefined) throw new Error(`stream ${duplicate} appears twice in the input.`);
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(idleTimeoutMs)}`);
    const { rows } = await client.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
    const existing = await client.query<{ stream_id: string }>({
      text: 'SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) AND stream_id IS DISTINCT FROM $2 LIMIT 5',
      values: [chunk.streamIds, chunk.continued ?? null],
    });
    if (existing.rows.length > 0)
      throw new Error(`streams already exist, refusing to import into them: ${existing.rows.map((r) => r.stream_id).join(', ')}`);
    await pipeline(Readable.from(copyData(chunk.pieces, BigInt(rows[0].id))), client.query(copyFrom(copySql)));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
