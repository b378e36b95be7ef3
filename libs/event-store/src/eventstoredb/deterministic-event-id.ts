import { createHash } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** RFC 4122 name-based UUID, version 5 (SHA-1), from node:crypto alone. */
export const uuidV5 = (namespace: string, name: string): string => {
  if (!isUuid(namespace)) throw new Error(`Not a UUID namespace: ${namespace}`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

// Fixed forever: changing it would change every derived id and defeat retries across a deploy.
const workwellNamespace = '3b0c4f7e-2d1a-4e7b-9c58-6a1f0d2e8b47';

/**
 * The id of the `index`th event of a command: the same on every retry of that command, so that
 * EventStoreDB's own idempotency check recognises a resent append.
 */
export const idempotentEventId = (streamId: string, idempotencyKey: string, index: number): string =>
  uuidV5(workwellNamespace, `append\n${streamId}\n${idempotencyKey}\n${index}`);

/** EventStoreDB only takes UUIDs as event ids; other ids are mapped to one, stably. */
export const esdbEventId = (eventId: string): string =>
  isUuid(eventId) ? eventId.toLowerCase() : uuidV5(workwellNamespace, `event\n${eventId}`);
