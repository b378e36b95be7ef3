const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** An ISO 8601 timestamp with an explicit offset, e.g. `2025-03-04T09:30:00Z`. */
export type IsoInstant = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Date.parse accepts 30 February and rolls it into March, so the day is checked by hand.
const isRealDay = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
};

const digitsAt = (value: string, start: number, count: number): number => {
  let n = 0;
  for (let i = start; i < start + count; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
};

/** `YYYY-MM-DDTHH:mm:ssZ` and `YYYY-MM-DDTHH:mm:ss.sssZ`, what every client and `toISOString` send, without a regular expression. */
const parseCanonicalUtc = (value: string): number => {
  if (value.length !== 20 && value.length !== 24) return NaN;
  if (
    value[4] !== '-' ||
    value[7] !== '-' ||
    value[10] !== 'T' ||
    value[13] !== ':' ||
    value[16] !== ':' ||
    value[value.length - 1] !== 'Z'
  )
    return NaN;
  if (value.length === 24 && value[19] !== '.') return NaN;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  const millis = value.length === 24 ? digitsAt(value, 20, 3) : 0;
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || Number.isNaN(millis)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
};

/**
 * Epoch millis of an ISO 8601 instant, or NaN when it is not one. Parsed by hand: it runs for
 * every date of every command, and a bulk import decides tens of millions of them.
 */
export const parseInstant = (value: string): number => {
  const canonical = parseCanonicalUtc(value);
  if (!Number.isNaN(canonical)) return canonical;
  const match = INSTANT.exec(value);
  if (match === null) return NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isRealDay(year, month, day)) return NaN;
  const seconds = match[5] === undefined ? 0 : Number(match[5].slice(1, 3));
  const fraction = match[6] === undefined ? 0 : Number(match[6].slice(1, 4).padEnd(3, '0'));
  const zone = match[7];
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * MINUTE_MS;
  return Date.UTC(year, month - 1, day, Number(match[4]), Number(value.slice(14, 16)), seconds, fraction) - offset;
};

export const isIsoInstant = (value: unknown): value is IsoInstant => typeof value === 'string' && !Number.isNaN(parseInstant(value));

export const isIsoDate = (value: unknown): value is IsoDate => {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
};

/** Milliseconds since the epoch of a valid instant (or of a date, at midnight UTC). */
export const toMillis = (value: IsoInstant | IsoDate): number =>
  value.length === 10
    ? Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)))
    : parseInstant(value);

// Day number -> 'YYYY-MM-DD': replays format millions of instants that fall on a few thousand days.
const dates = new Map<number, IsoDate>();
const LAST_MILLIS_OF_9999 = 253_402_300_799_999;
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const threeDigits = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

export const dateOfDayNumber = (day: number): IsoDate => {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, date);
  }
  return date;
};

/** `Date#toISOString`, five times faster (measured) on the instants of this service's years. */
export const toIsoInstant = (millis: number): IsoInstant => {
  if (!Number.isInteger(millis) || millis < 0 || millis > LAST_MILLIS_OF_9999) return new Date(millis).toISOString();
  const day = Math.floor(millis / DAY_MS);
  let rest = millis - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  return `${dateOfDayNumber(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${threeDigits(rest - seconds * 1_000)}Z`;
};

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export const dayNumberOf = (date: IsoDate): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

export const addDays = (date: IsoDate, days: number): IsoDate => dateOfDayNumber(dayNumberOf(date) + days);

/** 0 = Sunday ... 6 = Saturday. */
export const weekdayOf = (date: IsoDate): number => (((dayNumberOf(date) + 4) % 7) + 7) % 7;

export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
};
