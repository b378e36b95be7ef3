import fc from 'fast-check';
import { toIsoInstant } from '../shared/iso-time.values';
import { isBritishSummerTime, londonDateOf, londonMidnightOf } from './uk-local-time.calendar';

// The platform's own tz database, as the reference the calendar must agree with.
const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZoneName: 'short',
});
const inLondon = (millis: number) => {
  const parts = Object.fromEntries(london.formatToParts(new Date(millis)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, summer: parts.timeZoneName === 'BST' };
};

describe('London local time', () => {
  it('agrees with the tz database on the date and on summer time, across the changes of 2000 to 2037', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2037, 11, 31) }), (millis) => {
        const expected = inLondon(millis);
        expect({ date: londonDateOf(toIsoInstant(millis)), summer: isBritishSummerTime(millis) }).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
    // Either side of the changes of 2026: 01:00 UTC on 29 March and on 25 October.
    expect([Date.UTC(2026, 2, 29, 0, 59, 59, 999), Date.UTC(2026, 2, 29, 1)].map(isBritishSummerTime)).toEqual([false, true]);
    expect([Date.UTC(2026, 9, 25, 0, 59, 59, 999), Date.UTC(2026, 9, 25, 1)].map(isBritishSummerTime)).toEqual([true, false]);
    expect(londonDateOf('2026-04-01T23:30:00.000Z')).toBe('2026-04-02');
    expect(londonMidnightOf('2026-04-02')).toBe('2026-04-01T23:00:00.000Z');
    expect(londonMidnightOf('2026-12-02')).toBe('2026-12-02T00:00:00.000Z');
  });
});
