import { DAY_MS, dateOfDayNumber, type IsoDate, type IsoInstant, toIsoInstant, toMillis } from '../shared/iso-time.values';

const lastSundayUtc = (year: number, monthIndex: number): number => {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
};

// Year -> when summer time starts and ends: asked millions of times a replay about a handful of years.
const summers = new Map<number, { readonly starts: number; readonly ends: number }>();

const summerOf = (year: number) => {
  let summer = summers.get(year);
  if (summer === undefined) {
    summer = { starts: lastSundayUtc(year, 2) + 3_600_000, ends: lastSundayUtc(year, 9) + 3_600_000 };
    if (summers.size < 1_000) summers.set(year, summer);
  }
  return summer;
};

/** British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
export const isBritishSummerTime = (millis: number): boolean => {
  const year = millis >= 0 ? Number(dateOfDayNumber(Math.floor(millis / DAY_MS)).slice(0, 4)) : new Date(millis).getUTCFullYear();
  const { starts, ends } = summerOf(year);
  return millis >= starts && millis < ends;
};

/**
 * The calendar date in England of an instant. Service standards count days as a coach lives
 * them: a referral at 00:30 BST on 2 April is a 2 April referral although it is 1 April in UTC.
 */
export const londonDateOf = (instant: IsoInstant): IsoDate => {
  const millis = toMillis(instant);
  const local = millis + (isBritishSummerTime(millis) ? 3_600_000 : 0);
  return dateOfDayNumber(Math.floor(local / DAY_MS));
};

/** The instant a London calendar day begins: 23:00 UTC the day before while British Summer Time runs. */
export const londonMidnightOf = (date: IsoDate): IsoInstant => {
  const utcMidnight = toMillis(date);
  const summer = utcMidnight - 3_600_000;
  return toIsoInstant(isBritishSummerTime(summer) ? summer : utcMidnight);
};
