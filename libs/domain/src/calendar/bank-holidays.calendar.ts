import { addDays, type IsoDate, weekdayOf } from '../shared/iso-time.values';

const pad = (n: number): string => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
export const easterSunday = (year: number): IsoDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
};

const firstMonday = (year: number, month: number): IsoDate => {
  const first = dateOf(year, month, 1);
  return addDays(first, (8 - weekdayOf(first)) % 7);
};

const lastMonday = (year: number, month: number): IsoDate => {
  const last = dateOf(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return addDays(last, -((weekdayOf(last) + 6) % 7));
};

const SATURDAY = 6;
const SUNDAY = 0;

const newYearHoliday = (year: number): IsoDate => {
  const day = dateOf(year, 1, 1);
  const weekday = weekdayOf(day);
  return weekday === SATURDAY ? addDays(day, 2) : weekday === SUNDAY ? addDays(day, 1) : day;
};

// When Christmas or Boxing Day falls on a weekend the holiday moves to the next free weekday.
const christmasHolidays = (year: number): IsoDate[] => {
  const christmas = dateOf(year, 12, 25);
  switch (weekdayOf(christmas)) {
    case 5:
      return [christmas, dateOf(year, 12, 28)];
    case SATURDAY:
      return [dateOf(year, 12, 27), dateOf(year, 12, 28)];
    case SUNDAY:
      return [dateOf(year, 12, 26), dateOf(year, 12, 27)];
    default:
      return [christmas, dateOf(year, 12, 26)];
  }
};

/** Proclaimed one-off changes: moved holidays replace the rule's date, extra ones are added. */
const MOVED: Readonly<Record<string, IsoDate>> = {
  '2020-05-04': '2020-05-08',
  '2022-05-30': '2022-06-02',
};
const EXTRA: readonly IsoDate[] = ['2022-06-03', '2022-09-19', '2023-05-08'];

const cache = new Map<number, readonly IsoDate[]>();

/** England and Wales bank holidays of a year, in date order. */
export const bankHolidaysOf = (year: number): readonly IsoDate[] => {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const byRule = [
    newYearHoliday(year),
    addDays(easter, -2),
    addDays(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmasHolidays(year),
  ];
  const holidays = [...byRule.map((day) => MOVED[day] ?? day), ...EXTRA.filter((day) => day.startsWith(`${year}-`))].sort();
  cache.set(year, holidays);
  return holidays;
};

export const isBankHoliday = (date: IsoDate): boolean => bankHolidaysOf(Number(date.slice(0, 4))).includes(date);
