import type { PreparedEvent } from '../prepared-event';

/**
 * Events as rows of PostgreSQL's binary COPY format, for the bulk importer: nothing to escape on
 * our side, and on the server no text to parse for integers, the uuid, the timestamp and the two
 * hashes (the json columns' binary form is their text, validated as in text COPY). Written by hand
 * rather than through a general row writer: eleven fixed columns, encoded straight into one buffer
 * per piece, without an object or a type lookup per field.
 *
 * The columns, in order: stream_id, version, event_id, type, schema_version, data, metadata,
 * recorded_at, previous_hash, hash, position. A row's position is left blank when it is encoded
 * and filled in by `setPositions` once its transaction's id is known.
 */
export const binaryCopyColumns =
  'stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash, position';

/** The format's signature, flags (none) and header extension length (none). */
export const binaryCopyHeader = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The file trailer: a field count of -1. */
export const binaryCopyTrailer = Buffer.from([0xff, 0xff]);

const fields = 11;
const hashBytes = 32;
/** Milliseconds between the Unix epoch and PostgreSQL's (2000-01-01T00:00:00Z). */
const postgresEpochMs = 946_684_800_000;

/** Rows of events, with where each row's position goes. */
export interface BinaryRows {
  readonly buffer: Buffer;
  /** The byte offset of each row's 8-byte position. */
  readonly positionAt: Uint32Array;
}

/** The timestamptz of a recording time (ISO 8601 to the millisecond, as `prepareEvents` stamps it): microseconds since 2000. */
const microsecondsOf = (recordedAt: string): bigint => BigInt(Date.parse(recordedAt) - postgresEpochMs) * 1000n;

/** The most bytes a row can take: the fixed part, and each string at 3 bytes per UTF-16 unit (its UTF-8 at most). */
const maxRowBytes = (e: PreparedEvent): number =>
  2 + fields * 4 + 4 + 16 + 4 + 8 + 2 * hashBytes + 8 + 3 * (e.streamId.length + e.type.length + e.dataJson.length + e.metadataJson.length);

/** Where rows are encoded before they are copied out at their exact size; kept between calls, grown up to `scratchLimit`. */
let scratch = Buffer.allocUnsafe(0);
/** A piece that might need more (one huge stream) gets a buffer of its own, so that no large buffer stays behind. */
const scratchLimit = 16 * 1024 * 1024;

/**
 * Encodes events as binary COPY rows, positions blank. Event ids are UUIDs (the importer checks
 * those an imported history brings, and makes the others), the hashes are the importer's own (64
 * hex digits). Each string is written once, its length filled in from what was written: measuring
 * the strings first (Buffer.byteLength) cost a tenth of the import. The rows are encoded into a
 * scratch buffer and copied out at their size, so a piece holds no more memory than its rows.
 */
export const binaryRows = (events: readonly PreparedEvent[]): BinaryRows => {
  let bound = 0;
  for (let i = 0; i < events.length; i++) bound += maxRowBytes(events[i]);
  if (bound <= scratchLimit && scratch.length < bound)
    scratch = Buffer.allocUnsafe(Math.min(scratchLimit, Math.max(bound, scratch.length * 2)));
  const buffer = bound <= scratchLimit ? scratch : Buffer.allocUnsafe(bound);
  const positionAt = new Uint32Array(events.length);
  let at = 0;
  let lastRecordedAt = '';
  let lastMicroseconds = 0n;
  const text = (value: string): void => {
    const written = buffer.write(value, at + 4, 'utf8');
    buffer.writeInt32BE(written, at);
    at += 4 + written;
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    at = buffer.writeInt16BE(fields, at);
    text(e.streamId);
    at = buffer.writeInt32BE(4, at);
    at = buffer.writeInt32BE(e.version, at);
    at = buffer.writeInt32BE(16, at);
    if (buffer.write(e.eventId.replace(/-/g, ''), at, 16, 'hex') !== 16) throw new TypeError(`The event id "${e.eventId}" is not a UUID.`);
    at += 16;
    text(e.type);
    at = buffer.writeInt32BE(4, at);
    at = buffer.writeInt32BE(e.schemaVersion, at);
    text(e.dataJson);
    text(e.metadataJson);
    // An import's events mostly share one recording time: parsed once.
    if (e.recordedAt !== lastRecordedAt) {
      lastMicroseconds = microsecondsOf(e.recordedAt);
      lastRecordedAt = e.recordedAt;
    }
    at = buffer.writeInt32BE(8, at);
    at = buffer.writeBigInt64BE(lastMicroseconds, at);
    if (e.previousHash === null) at = buffer.writeInt32BE(-1, at);
    else {
      at = buffer.writeInt32BE(hashBytes, at);
      at += hexBytes(buffer, e.previousHash, at);
    }
    at = buffer.writeInt32BE(hashBytes, at);
    at += hexBytes(buffer, e.hash, at);
    at = buffer.writeInt32BE(8, at);
    positionAt[i] = at;
    at += 8;
  }
  const rows = Buffer.allocUnsafe(at);
  buffer.copy(rows, 0, 0, at);
  return { buffer: rows, positionAt };
};

/** Writes a SHA-256 hex digest as its 32 bytes; a short one would shift the rows, so it fails instead. */
const hexBytes = (buffer: Buffer, hex: string, at: number): number => {
  if (buffer.write(hex, at, hashBytes, 'hex') !== hashBytes) throw new Error(`"${hex}" is not a SHA-256 digest in hex`);
  return hashBytes;
};

/** Fills in the rows' positions: `first`, `first + 1`, ... */
export const setPositions = (rows: BinaryRows, first: bigint): void => {
  for (let i = 0; i < rows.positionAt.length; i++) rows.buffer.writeBigInt64BE(first + BigInt(i), rows.positionAt[i]);
};
