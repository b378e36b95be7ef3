import { AsOfError, describeAsOf, parseAsOf } from './as-of.values';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('parseAsOf', () => {
  it('reads a date as the end of that London day, in summer and in winter', () => {
    expect(parseAsOf('2026-06-30', NOW)).toEqual({ kind: 'recorded-time', at: '2026-06-30T22:59:59.999Z' });
    expect(parseAsOf('2026-01-31', NOW)).toEqual({ kind: 'recorded-time', at: '2026-01-31T23:59:59.999Z' });
    // The clocks go back on 25 October 2026: that day ends at midnight GMT.
    expect(parseAsOf('2026-10-25', NOW)).toEqual({ kind: 'recorded-time', at: '2026-10-25T23:59:59.999Z' });
    expect(parseAsOf('2026-03-28', NOW)).toEqual({ kind: 'recorded-time', at: '2026-03-28T23:59:59.999Z' });
    expect(parseAsOf('2026-03-29', NOW)).toEqual({ kind: 'recorded-time', at: '2026-03-29T22:59:59.999Z' });
  });

  it('reads instants with their zone, positions and now', () => {
    expect(parseAsOf('2026-04-01T09:30:00+01:00', NOW)).toEqual({ kind: 'recorded-time', at: '2026-04-01T08:30:00.000Z' });
    expect(parseAsOf('123456789', NOW)).toEqual({ kind: 'position', position: 123456789 });
    expect(parseAsOf(undefined, NOW)).toEqual({ kind: 'recorded-time', at: NOW.toISOString() });
    expect(describeAsOf({ kind: 'position', position: 42 })).toBe('position 42');
  });

  it('refuses what it cannot read, a time without a zone, and the future, in words', () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-04-01T09:30:00', '-5', '99999999999999999999'])
      expect(() => parseAsOf(bad, NOW)).toThrow(AsOfError);
    expect(() => parseAsOf('2027-01-01', NOW)).toThrow('--as-of 2027-01-01 is in the future: nothing is known about it yet');
    expect(() => parseAsOf('yesterday', NOW)).toThrow(/--as-of must be a date \(2026-03-31\), an instant with its zone/);
  });
});
