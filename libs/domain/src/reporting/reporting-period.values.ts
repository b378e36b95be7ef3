import type { IsoDate } from '../shared/iso-time.values';

export type PeriodKind = 'month' | 'quarter';

/** `2025-03`: the calendar month of a London date. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

/** `2025-Q1` (January to March): calendar quarters, labelled with the year so that they sort. */
export const quarterOf = (date: IsoDate): string => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

export const periodOf = (date: IsoDate, kind: PeriodKind): string => (kind === 'month' ? monthOf(date) : quarterOf(date));
