import type { IsoDate } from '../shared/iso-time.values';

/**
 * How a report's rows are cut: calendar months and quarters, the financial-year quarters of DWP's
 * returns (April to March), and one programme-to-date row holding everything counted.
 */
export type PeriodKind = 'month' | 'quarter' | 'financial-quarter' | 'programme-to-date';

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'financial-quarter', 'programme-to-date'];

/** The one period of the programme-to-date rows. */
export const PROGRAMME_TO_DATE = 'programme-to-date';

/** `2025-03`: the calendar month of a London date. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

/** `2025-Q1` (January to March): calendar quarters, labelled with the year so that they sort. */
export const quarterOf = (date: IsoDate): string => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

const twoDigits = (year: number): string => String(year % 100).padStart(2, '0');

/** `Q3 24/25` (October to December 2024): the financial-year quarter, as DWP's returns name it. */
export const financialQuarterOf = (date: IsoDate): string => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 4 ? year : year - 1;
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  return `Q${quarter} ${twoDigits(startYear)}/${twoDigits(startYear + 1)}`;
};

const FINANCIAL_QUARTER = /^Q([1-4]) (\d{2})\/(\d{2})$/;

export const isFinancialQuarter = (label: string): boolean => {
  const match = FINANCIAL_QUARTER.exec(label);
  return match !== null && (Number(match[2]) + 1) % 100 === Number(match[3]);
};

/** The first and last London dates of a financial quarter label (years 2000 to 2099). */
export const financialQuarterBounds = (label: string): { readonly first: IsoDate; readonly last: IsoDate } => {
  const match = FINANCIAL_QUARTER.exec(label);
  if (match === null || !isFinancialQuarter(label)) throw new RangeError(`${label} is not a financial quarter such as "Q3 24/25"`);
  const quarter = Number(match[1]);
  const startYear = 2000 + Number(match[2]);
  const firstMonth = ((quarter - 1) * 3 + 3) % 12; // 0-based: April is 3
  const year = quarter === 4 ? startYear + 1 : startYear;
  const lastDay = new Date(Date.UTC(year, firstMonth + 3, 0)).getUTCDate();
  const month = (m: number): string => String(m + 1).padStart(2, '0');
  return { first: `${year}-${month(firstMonth)}-01`, last: `${year}-${month(firstMonth + 2)}-${String(lastDay).padStart(2, '0')}` };
};

export const periodOf = (date: IsoDate, kind: PeriodKind): string => {
  switch (kind) {
    case 'month':
      return monthOf(date);
    case 'quarter':
      return quarterOf(date);
    case 'financial-quarter':
      return financialQuarterOf(date);
    case 'programme-to-date':
      return PROGRAMME_TO_DATE;
  }
};

/** A key that sorts periods of a kind in time order (financial quarter labels do not sort as text). */
export const periodSortKey = (period: string, kind: PeriodKind): string => {
  if (kind !== 'financial-quarter') return period;
  const match = FINANCIAL_QUARTER.exec(period);
  return match === null ? period : `${match[2]}-${match[1]}`;
};
