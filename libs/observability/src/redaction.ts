import { stdSerializers } from 'pino';

/**
 * Field names whose values never reach a log, at any depth: personal data (as the referral and
 * its corrections name it), free text, request bodies, and credentials. Matched on the key, so a
 * new nested object that carries one of them is covered without anyone remembering to add a path.
 */
const personalOrSecret =
  /^(personal[-_]?details|(given|family|full|first|last|sur|middle)?[-_]?names?|nhs[-_]?number|date[-_]?of[-_]?birth|dob|post[-_]?code|address(es)?|phone(number)?|mobile|telephone|e[-_]?mail|notes?|free[-_]?text|body|payload|authori[sz]ation|proxy-authorization|cookie|set-cookie|token|access[-_]?token|id[-_]?token|refresh[-_]?token|password|secret|jwt|api[-_]?key)$/i;

export const REDACTED = '[redacted]';

const maxDepth = 8;

export const isRedactedKey = (key: string): boolean => personalOrSecret.test(key);

/**
 * A copy of `value` with every personal or secret field replaced by `[redacted]`. Errors become
 * `{ type, message, stack, ...their own fields }` first (pino's serializer, `cause` included), so
 * a 500 keeps its stack while a field an error carries is still redacted by name.
 */
export const redact = (value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (depth >= maxDepth) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return redact(stdSerializers.err(value), depth, seen);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = isRedactedKey(key) ? REDACTED : redact(field, depth + 1, seen);
  }
  return out;
};
