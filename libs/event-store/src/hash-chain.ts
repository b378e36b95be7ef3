import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no insignificant white space, so that the
 * same value always hashes the same whichever adapter or runtime wrote it.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot hash a non-finite number (${value})`);
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
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

/**
 * SHA-256 over the previous event's hash and this event's canonical form: altering, removing
 * or reordering any event of a stream breaks the chain from that event on.
 */
export const chainHash = (previousHash: string | null, event: HashedFields): string =>
  createHash('sha256')
    .update(previousHash ?? '')
    .update('\n')
    .update(
      canonicalJson({
        streamId: event.streamId,
        version: event.version,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt,
      }),
    )
    .digest('hex');
