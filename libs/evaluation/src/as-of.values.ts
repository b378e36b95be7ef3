import { isIsoDate, isIsoInstant, londonMidnightOf, toIsoInstant, toMillis } from '@workwell/domain';

/**
 * What an evaluator asks for: the store as it was known at a recorded time, or up to a global
 * position. Events recorded later are left out even when their business time is earlier.
 */
export type AsOf = { readonly kind: 'recorded-time'; readonly at: string } | { readonly kind: 'position'; readonly position: number };

export class AsOfError extends Error {}

/**
 * `2026-03-31T23:59:59Z` (an instant), `2026-03-31` (the end of that London day), `now`, or a
 * global position (digits). The position printed on a report reproduces it exactly.
 */
export const parseAsOf = (text: string | undefined, now: Date): AsOf => {
  const value = (text ?? 'now').trim();
  if (value === 'now') return { kind: 'recorded-time', at: now.toISOString() };
  if (/^\d+$/.test(value)) {
    const position = Number(value);
    if (!Number.isSafeInteger(position)) throw new AsOfError(`--as-of ${value} is not a position this store can hold`);
    return { kind: 'position', position };
  }
  let at: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value)) {
    const nextDay = new Date(toMillis(value) + 86_400_000).toISOString().slice(0, 10);
    at = toIsoInstant(toMillis(londonMidnightOf(nextDay)) - 1);
  } else if (isIsoInstant(value) && /T\d{2}:\d{2}/.test(value) && /(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    at = toIsoInstant(toMillis(value));
  } else {
    throw new AsOfError(
      `--as-of must be a date (2026-03-31), an instant with its zone (2026-03-31T17:00:00Z), a position (digits) or now; got "${value}"`,
    );
  }
  if (toMillis(at) > now.getTime()) throw new AsOfError(`--as-of ${value} is in the future: nothing is known about it yet`);
  return { kind: 'recorded-time', at };
};

export const describeAsOf = (asOf: AsOf): string => (asOf.kind === 'position' ? `position ${asOf.position}` : asOf.at);
