import { NO_STREAM, type AppendExpectedRevision, type CurrentRevision, type Position } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import type { EsdbRecordedEvent } from './eventstoredb-client.port';

/** Our bookkeeping, under one key of each event's EventStoreDB metadata JSON. */
export const workwellKey = '$workwell';

export interface WorkwellMetadata {
  readonly hash: string;
  readonly previousHash: string | null;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** The caller's event id when it is not the UUID EventStoreDB holds. */
  readonly eventId?: string;
  readonly idempotencyKey?: string;
  /** This event's index within its append, and the append's size: a retry reassembles the first result. */
  readonly appendIndex?: number;
  readonly appendCount?: number;
}

/** Our versions count events (the first is 1); EventStoreDB revisions count from 0. */
export const versionOfRevision = (revision: bigint): number => toSafeNumber(revision, 'stream revision') + 1;

/** The revision an append must find: exactly the version we read, so the hash chain we computed holds. */
export const appendRevisionFor = (currentVersion: number): AppendExpectedRevision =>
  currentVersion === 0 ? NO_STREAM : BigInt(currentVersion - 1);

/** The actual version a WrongExpectedVersionError reports, as our version. */
export const versionOfCurrentRevision = (current: CurrentRevision | AppendExpectedRevision): number =>
  typeof current === 'bigint' ? versionOfRevision(current) : 0;

// Stream reads on servers before 22.6 carry no position, or 2^64-1 for "unknown".
const unknownPosition = 2n ** 63n;

/**
 * A global position is the event's commit position: a byte offset in the transaction log, so
 * it only grows. Every event written since implicit transactions (all gRPC appends) commits
 * itself, so commit = prepare = its own offset, unique per event. As a JS number it is exact up
 * to 2^53 bytes (9 PB of log); beyond that this throws rather than lose order.
 */
export const positionOf = (position: Position | undefined): number | undefined =>
  position === undefined || position.commit >= unknownPosition ? undefined : toSafeNumber(position.commit, 'commit position');

/** Reading $all from here returns the event at exactly this position first (callers skip it). */
export const toEsdbPosition = (position: number): Position => ({ commit: BigInt(position), prepare: BigInt(position) });

export const toSafeNumber = (value: bigint, what: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n)
    throw new RangeError(`EventStoreDB ${what} ${value} does not fit a JS number exactly`);
  return Number(value);
};

/** System streams and events ($stats, $projections, metadata streams, links...) are not ours. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const readWorkwellMetadata = (raw: unknown): WorkwellMetadata | undefined => {
  if (!isRecord(raw) || typeof raw.hash !== 'string' || typeof raw.recordedAt !== 'string' || typeof raw.schemaVersion !== 'number')
    return undefined;
  return {
    hash: raw.hash,
    previousHash: typeof raw.previousHash === 'string' ? raw.previousHash : null,
    recordedAt: raw.recordedAt,
    schemaVersion: raw.schemaVersion,
    eventId: typeof raw.eventId === 'string' ? raw.eventId : undefined,
    idempotencyKey: typeof raw.idempotencyKey === 'string' ? raw.idempotencyKey : undefined,
    appendIndex: typeof raw.appendIndex === 'number' ? raw.appendIndex : undefined,
    appendCount: typeof raw.appendCount === 'number' ? raw.appendCount : undefined,
  };
};

/** Splits EventStoreDB metadata into the caller's metadata and our bookkeeping. */
export const splitMetadata = (raw: unknown): { metadata: Record<string, unknown>; workwell: WorkwellMetadata | undefined } => {
  if (!isRecord(raw)) return { metadata: {}, workwell: undefined };
  const { [workwellKey]: ours, ...metadata } = raw;
  return { metadata, workwell: readWorkwellMetadata(ours) };
};

export const joinMetadata = (metadata: Readonly<Record<string, unknown>>, workwell: WorkwellMetadata): Record<string, unknown> => {
  if (workwellKey in metadata) throw new Error(`Event metadata must not use the reserved key ${workwellKey}`);
  return { ...metadata, [workwellKey]: workwell };
};

/**
 * An event as the port hands it out. Events written by something other than this adapter
 * (no `$workwell` metadata) still read, with an empty hash and the server's creation time.
 */
export const toStoredEvent = (event: EsdbRecordedEvent, streamId: string, fallbackPosition = 0): StoredEvent => {
  const { metadata, workwell } = splitMetadata(event.metadata);
  return {
    streamId,
    version: versionOfRevision(event.revision),
    position: positionOf(event.position) ?? fallbackPosition,
    eventId: workwell?.eventId ?? event.id,
    type: event.type,
    schemaVersion: workwell?.schemaVersion ?? 1,
    data: event.data,
    metadata,
    recordedAt: workwell?.recordedAt ?? event.created.toISOString(),
    hash: workwell?.hash ?? '',
    previousHash: workwell?.previousHash ?? null,
  };
};
