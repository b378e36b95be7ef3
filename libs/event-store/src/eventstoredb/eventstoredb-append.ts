import type { JSONEventData, JSONType } from '@eventstore/db-client';
import { ConcurrencyConflict, type ExpectedVersion, type NewEvent, type StoredEvent } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { newEventId } from '../prepared-event';
import { esdbEventId, idempotentEventId, isUuid } from './deterministic-event-id';
import type { EsdbRecordedEvent } from './eventstoredb-client.port';
import type { EsdbReader, StreamHead } from './eventstoredb-reader';
import { joinMetadata, splitMetadata, toStoredEvent, versionOfRevision } from './eventstoredb.mapping';

export interface PreparedAppend {
  readonly esdb: JSONEventData[];
  /** What the append stores, positions still unknown (0). */
  readonly stored: StoredEvent[];
}

const jsonRoundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

export const assertExpected = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  const ok =
    expected === 'any' || (expected === 'no_stream' ? actual === 0 : expected === 'stream_exists' ? actual > 0 : actual === expected);
  if (!ok) throw new ConcurrencyConflict(streamId, expected, actual);
};

/**
 * The EventStoreDB events for an append after `head`, each chained to the one before. Without
 * an eventId, a keyed append gets ids derived from its key, the same on every retry.
 */
export const prepareAppend = (
  streamId: string,
  events: readonly NewEvent[],
  head: StreamHead,
  idempotencyKey: string | undefined,
  recordedAt: string,
): PreparedAppend => {
  const esdb: JSONEventData[] = [];
  const stored: StoredEvent[] = [];
  let previousHash = head.hash;
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('A stream id must be a non-empty string.');
  events.forEach((event, index) => {
    // The same refusals as the PostgreSQL adapter, so the contract holds whichever store runs.
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new TypeError(`Event ${index + 1} of the append to ${streamId} has no type.`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new TypeError(`Event ${index + 1} (${event.type}) of the append to ${streamId} needs a positive integer schemaVersion.`);
    }
    const eventId = event.eventId ?? (idempotencyKey !== undefined ? idempotentEventId(streamId, idempotencyKey, index) : newEventId());
    if (!isUuid(eventId)) throw new TypeError(`Event id ${eventId} is not a UUID.`);
    if (events.some((other, j) => j < index && other.eventId?.toLowerCase() === eventId.toLowerCase()))
      throw new Error(`An event with id ${eventId} appears twice in one append; event ids must be unique.`);
    const id = esdbEventId(eventId);
    // Hash what a reader will get back: the values after their JSON round trip.
    const data = jsonRoundTrip(event.data);
    const metadata = jsonRoundTrip(event.metadata) ?? {};
    const version = head.version + index + 1;
    const hash = chainHash(previousHash, {
      streamId,
      version,
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata,
      recordedAt,
    });
    const workwell = {
      hash,
      previousHash,
      recordedAt,
      schemaVersion: event.schemaVersion,
      ...(id !== eventId ? { eventId } : {}),
      ...(idempotencyKey !== undefined ? { idempotencyKey, appendIndex: index, appendCount: events.length } : {}),
    };
    esdb.push({
      id,
      contentType: 'application/json',
      type: event.type,
      data: data as JSONType,
      metadata: joinMetadata(metadata, workwell),
    });
    stored.push({
      streamId,
      version,
      position: 0,
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata,
      recordedAt,
      hash,
      previousHash,
    });
    previousHash = hash;
  });
  return { esdb, stored };
};

/**
 * The events an earlier append with this idempotency key stored, if any. With an exact
 * expectation they can only start right after it; otherwise the stream's last `window` events
 * are searched (EventStoreDB has no index by key, so a much later retry appends again).
 */
export const findPriorAppend = async (
  reader: EsdbReader,
  stream: string,
  streamId: string,
  key: string,
  expected: ExpectedVersion,
  head: StreamHead,
  count: number,
  window: number,
): Promise<StoredEvent[] | undefined> => {
  let start: number;
  if (typeof expected === 'number' || expected === 'no_stream') {
    start = expected === 'no_stream' ? 1 : expected + 1;
    if (start > head.version) return undefined;
  } else {
    if (head.version === 0) return undefined;
    const match = (await reader.recent(stream, window)).find((event) => splitMetadata(event.metadata).workwell?.idempotencyKey === key);
    if (!match) return undefined;
    start = versionOfRevision(match.revision) - (splitMetadata(match.metadata).workwell?.appendIndex ?? 0);
  }
  let candidates: EsdbRecordedEvent[] = await reader.range(stream, start, Math.max(1, count));
  const first = splitMetadata(candidates[0]?.metadata).workwell;
  if (first?.idempotencyKey !== key || (first.appendIndex ?? 0) !== 0) return undefined;
  const size = first.appendCount ?? 1;
  // A retry carrying a different number of events still gets exactly what the first one stored.
  if (candidates.length < size) candidates = await reader.range(stream, start, size);
  return candidates.slice(0, size).map((event) => toStoredEvent(event, streamId));
};
