import { dateOfDayNumber, dayNumberOf, type IsoDate, weekdayOf } from '../shared/iso-time.values';
import { isBankHoliday } from './bank-holidays.calendar';

/** Monday to Friday and not an England and Wales bank holiday. */
export const isWorkingDay = (date: IsoDate): boolean => {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
};

// Day number -> working or not: the schedules of a million participants ask about the same few thousand days.
const workingDays = new Map<number, boolean>();

const isWorkingDayNumber = (day: number): boolean => {
  let working = workingDays.get(day);
  if (working === undefined) {
    working = isWorkingDay(dateOfDayNumber(day));
    workingDays.set(day, working);
  }
  return working;
};

/**
 * The date `n` working days after `date` (before it when `n` is negative). The start day itself
 * never counts, so two working days after a Friday referral is the Tuesday.
 */
export const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = dayNumberOf(date);
  while (remaining > 0) {
    day += step;
    if (isWorkingDayNumber(day)) remaining -= 1;
  }
  return dateOfDayNumber(day);
};

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
  let count = 0;
  const last = dayNumberOf(to);
  for (let day = dayNumberOf(from) + 1; day <= last; day++) {
    if (isWorkingDayNumber(day)) count += 1;
  }
  return count;
};
