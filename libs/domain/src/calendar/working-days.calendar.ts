import { addDays, type IsoDate, weekdayOf } from '../shared/iso-time.values';
import { isBankHoliday } from './bank-holidays.calendar';

/** Monday to Friday and not an England and Wales bank holiday. */
export const isWorkingDay = (date: IsoDate): boolean => {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
};

/**
 * The date `n` working days after `date` (before it when `n` is negative). The start day itself
 * never counts, so two working days after a Friday referral is the Tuesday.
 */
export const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = date;
  while (remaining > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
};

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
};
