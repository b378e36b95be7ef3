import { DAY_MS, type IsoDate, type IsoInstant, toMillis } from '../shared/iso-time.values';

const lastSundayUtc = (year: number, monthIndex: number): number => {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
};

/** British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
export const isBritishSummerTime = (millis: number): boolean => {
  const year = new Date(millis).getUTCFullYear();
  const starts = lastSundayUtc(year, 2) + 3_600_000;
  const ends = lastSundayUtc(year, 9) + 3_600_000;
  return millis >= starts && millis < ends;
};

/**
 * The calendar date in England of an instant. Service standards count days as a coach lives
 * them: a referral at 00:30 BST on 2 April is a 2 April referral although it is 1 April in UTC.
 */
export const londonDateOf = (instant: IsoInstant): IsoDate => {
  const millis = toMillis(instant);
  const local = millis + (isBritishSummerTime(millis) ? 3_600_000 : 0);
  return new Date(local).toISOString().slice(0, 10);
};

/** The instant a London calendar day begins: 23:00 UTC the day before while British Summer Time runs. */
export const londonMidnightOf = (date: IsoDate): IsoInstant => {
  const utcMidnight = toMillis(date);
  const summer = utcMidnight - 3_600_000;
  return new Date(isBritishSummerTime(summer) ? summer : utcMidnight).toISOString();
};
