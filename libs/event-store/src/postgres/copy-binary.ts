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

/**
 * Encodes events as binary COPY rows, positions blank. Event ids are UUIDs (the importer checks
 * those an imported history brings, and makes the others), the hashes are the importer's own (64
 * hex digits), and a short write of any field would fail the size check at the end rather than
 * shift the rows.
 */
export const binaryRows = (events: readonly PreparedEvent[]): BinaryRows => {
  // The fixed part of a row: field count, eleven lengths, the two int4s, the uuid, the timestamp, the hashes and the position.
  let size = 0;
  const lengths = new Array<number>(events.length * 4);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const stream = Buffer.byteLength(e.streamId, 'utf8');
    const type = Buffer.byteLength(e.type, 'utf8');
    const data = Buffer.byteLength(e.dataJson, 'utf8');
    const metadata = Buffer.byteLength(e.metadataJson, 'utf8');
    lengths[i * 4] = stream;
    lengths[i * 4 + 1] = type;
    lengths[i * 4 + 2] = data;
    lengths[i * 4 + 3] = metadata;
    size += 2 + fields * 4 + stream + 4 + 16 + type + 4 + data + metadata + 8 + (e.previousHash === null ? 0 : hashBytes) + hashBytes + 8;
  }
  const buffer = Buffer.allocUnsafe(size);
  const positionAt = new Uint32Array(events.length);
  let at = 0;
  let lastRecordedAt = '';
  let lastMicroseconds = 0n;
  const text = (value: string, length: number): void => {
    at = buffer.writeInt32BE(length, at);
    at += buffer.write(value, at, length, 'utf8');
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    at = buffer.writeInt16BE(fields, at);
    text(e.streamId, lengths[i * 4]);
    at = buffer.writeInt32BE(4, at);
    at = buffer.writeInt32BE(e.version, at);
    at = buffer.writeInt32BE(16, at);
    at += buffer.write(e.eventId.replace(/-/g, ''), at, 16, 'hex');
    text(e.type, lengths[i * 4 + 1]);
    at = buffer.writeInt32BE(4, at);
    at = buffer.writeInt32BE(e.schemaVersion, at);
    text(e.dataJson, lengths[i * 4 + 2]);
    text(e.metadataJson, lengths[i * 4 + 3]);
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
      at += buffer.write(e.previousHash, at, hashBytes, 'hex');
    }
    at = buffer.writeInt32BE(hashBytes, at);
    at += buffer.write(e.hash, at, hashBytes, 'hex');
    at = buffer.writeInt32BE(8, at);
    positionAt[i] = at;
    at += 8;
  }
  if (at !== size) throw new Error(`binary COPY rows measured ${size} bytes but wrote ${at}`);
  return { buffer, positionAt };
};

/** Fills in the rows' positions: `first`, `first + 1`, ... */
export const setPositions = (rows: BinaryRows, first: bigint): void => {
  for (let i = 0; i < rows.positionAt.length; i++) rows.buffer.writeBigInt64BE(first + BigInt(i), rows.positionAt[i]);
};
