import crypto from 'node:crypto';

// The one-shot digest (Node 20.12+) costs half of createHash().update().digest() on short input.
const sha256Hex = (text: string): string => crypto.hash('sha256', text, 'hex');

const isOmitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

// Most keys need no escaping; skipping JSON.stringify for them is a third of the time on a typical event.
const plainKey = /^[\w$-]{0,64}$/;
// Events use few distinct keys: each is quoted once (bounded, so odd input cannot grow it without end).
const quotedKeys = new Map<string, string>();
const quoteKey = (key: string): string => {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = plainKey.test(key) ? `"${key}"` : JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
};

/** Sorts in place by UTF-16 code units (the default sort's order): an insertion sort, as an object's keys are few and often in order. */
const sortKeys = (keys: string[]): string[] => {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    if (keys[j] < key) continue;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

/**
 * JSON with object keys sorted at every level and no insignificant white space, so that the
 * same value always hashes the same whichever adapter or runtime wrote it. It follows
 * JSON.stringify otherwise (toJSON, omitted undefined/function members, null in arrays), so
 * the text stored is the text hashed, and hashing the value read back gives the same digest.
 */
export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Cannot hash a non-finite number (${value})`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // undefined, functions and symbols, as JSON.stringify renders them inside arrays; bigint throws there too.
      return isOmitted(value) ? 'null' : JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[' + (isOmitted(value[0]) ? 'null' : canonicalJson(value[0]));
    for (let i = 1; i < value.length; i++) out += ',' + (isOmitted(value[i]) ? 'null' : canonicalJson(value[i]));
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const member = record[key];
    if (isOmitted(member)) continue;
    // Strings are most members: stringified here, without a call through the switch.
    const text = typeof member === 'string' ? JSON.stringify(member) : canonicalJson(member);
    out += first ? quoteKey(key) + ':' + text : ',' + quoteKey(key) + ':' + text;
    first = false;
  }
  return out + '}';
};

export interface HashedFields {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
}

/** The hashed fields with data and metadata already in canonical JSON (the adapters store that very text). */
export interface CanonicalHashedFields extends Omit<HashedFields, 'data' | 'metadata'> {
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** Same digest as `chainHash`, without serialising data and metadata a second time. */
export const chainHashCanonical = (previousHash: string | null, event: CanonicalHashedFields): string =>
  sha256Hex(
    `${previousHash ?? ''}\n` +
      // The envelope's keys in canonical (sorted) order: data, eventId, metadata, recordedAt, schemaVersion, streamId, type, version.
      `{"data":${event.dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${event.metadataJson},` +
      `"recordedAt":${JSON.stringify(event.recordedAt)},"schemaVersion":${canonicalJson(event.schemaVersion)},` +
      `"streamId":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)},"version":${canonicalJson(event.version)}}`,
  );

/**
 * SHA-256 over the previous event's hash and this event's canonical form: altering, removing
 * or reordering any event of a stream breaks the chain from that event on.
 */
export const chainHash = (previousHash: string | null, event: HashedFields): string =>
  chainHashCanonical(previousHash, {
    ...event,
    dataJson: canonicalJson(event.data),
    metadataJson: canonicalJson(event.metadata),
  });
