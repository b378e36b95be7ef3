import { createHash } from 'node:crypto';

const isOmitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * JSON with object keys sorted at every level and no insignificant white space, so that the
 * same value always hashes the same whichever adapter or runtime wrote it. It follows
 * JSON.stringify otherwise (toJSON, omitted undefined/function members, null in arrays), so
 * the text stored is the text hashed, and hashing the value read back gives the same digest.
 */
export const canonicalJson = (value: unknown): string => {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot hash a non-finite number (${value})`);
    if (isOmitted(value)) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(isOmitted(item) ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => !isOmitted(v))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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
  createHash('sha256')
    .update(previousHash ?? '')
    .update('\n')
    // The envelope's keys in canonical (sorted) order: data, eventId, metadata, recordedAt, schemaVersion, streamId, type, version.
    .update(
      `{"data":${event.dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${event.metadataJson},` +
        `"recordedAt":${JSON.stringify(event.recordedAt)},"schemaVersion":${canonicalJson(event.schemaVersion)},` +
        `"streamId":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)},"version":${canonicalJson(event.version)}}`,
    )
    .digest('hex');

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
