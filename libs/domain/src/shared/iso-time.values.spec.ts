import fc from 'fast-check';
import { dateOfDayNumber, DAY_MS, dayNumberOf, toIsoInstant, toMillis } from './iso-time.values';

describe('instants and days', () => {
  it('formats every instant exactly as Date#toISOString, fast path and fallback alike', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: -62_000_000_000_000, max: 300_000_000_000_000 })),
        (millis) => {
          expect(toIsoInstant(millis)).toBe(new Date(millis).toISOString());
        },
      ),
      { numRuns: 20_000 },
    );
    for (const millis of [0, DAY_MS - 1, 1_711_846_800_000, 253_402_300_799_999])
      expect(toIsoInstant(millis)).toBe(new Date(millis).toISOString());
  });

  it('turns day numbers and dates into each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (day) => {
        const date = dateOfDayNumber(day);
        expect(date).toBe(new Date(day * DAY_MS).toISOString().slice(0, 10));
        if (day >= 0) expect(dayNumberOf(date)).toBe(day);
      }),
      { numRuns: 5_000 },
    );
    expect(toMillis(toIsoInstant(1_764_000_000_123))).toBe(1_764_000_000_123);
  });
});
