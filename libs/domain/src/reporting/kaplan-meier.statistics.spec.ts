import fc from 'fast-check';
import { kaplanMeier, survivalAt } from './kaplan-meier.statistics';

/** Remission times in weeks of the 6-MP group (Freireich et al. 1963, as in Gehan 1965); `*` is censored. */
const SIX_MP = '6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*'
  .split(' ')
  .map((entry) => ({ time: Number.parseInt(entry, 10), event: !entry.endsWith('*') }));

describe('Kaplan-Meier', () => {
  it('matches the 6-MP remission estimates worked by hand', () => {
    // At each event time t: S(t) = S(before) * (n - d) / n, Greenwood's variance S^2 * sum d / (n (n - d)).
    const byHand = [
      { time: 6, atRisk: 21, events: 3, censored: 1, survival: 18 / 21, greenwood: 3 / (21 * 18) },
      { time: 7, atRisk: 17, events: 1, censored: 0, survival: (18 / 21) * (16 / 17), greenwood: 3 / (21 * 18) + 1 / (17 * 16) },
      { time: 9, atRisk: 16, events: 0, censored: 1, survival: (18 / 21) * (16 / 17), greenwood: 3 / (21 * 18) + 1 / (17 * 16) },
      {
        time: 10,
        atRisk: 15,
        events: 1,
        censored: 1,
        survival: (18 / 21) * (16 / 17) * (14 / 15),
        greenwood: 3 / (21 * 18) + 1 / (17 * 16) + 1 / (15 * 14),
      },
    ];
    const steps = kaplanMeier(SIX_MP);
    for (const [index, expected] of byHand.entries()) {
      const step = steps[index];
      expect([step.time, step.atRisk, step.events, step.censored]).toEqual([
        expected.time,
        expected.atRisk,
        expected.events,
        expected.censored,
      ]);
      expect(step.survival).toBeCloseTo(expected.survival, 12);
      expect(step.standardError).toBeCloseTo(expected.survival * Math.sqrt(expected.greenwood), 12);
    }
    // The published three-decimal estimates and standard errors (Klein and Moeschberger, table 4.1A).
    const published = [
      [6, 0.857, 0.076],
      [7, 0.807, 0.087],
      [10, 0.753, 0.096],
      [13, 0.69, 0.107],
      [16, 0.627, 0.114],
      [22, 0.538, 0.128],
      [23, 0.448, 0.135],
    ];
    for (const [time, survival, standardError] of published) {
      const step = steps.find((candidate) => candidate.time === time);
      expect(step?.survival).toBeCloseTo(survival, 3);
      expect(step?.standardError).toBeCloseTo(standardError, 3);
    }
    expect(steps.map((step) => step.time)).toEqual([6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35]);
    expect(steps.at(-1)).toMatchObject({ time: 35, atRisk: 1, events: 0, censored: 1 });
    expect(survivalAt(steps, 5)).toBe(1);
    expect(survivalAt(steps, 24)).toBeCloseTo(0.448, 3);
  });

  it('falls to zero when the last one at risk has the event, where the standard error is undefined', () => {
    expect(
      kaplanMeier([
        { time: 1, event: true },
        { time: 2, event: true },
      ]),
    ).toEqual([
      { time: 1, atRisk: 2, events: 1, censored: 0, survival: 0.5, standardError: 0.5 * Math.sqrt(1 / 2) },
      { time: 2, atRisk: 1, events: 1, censored: 0, survival: 0, standardError: null },
    ]);
    expect(kaplanMeier([])).toEqual([]);
  });

  it('refuses negative or non-finite times', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Number.NaN, event: false }])).toThrow(RangeError);
  });

  it('never rises, stays within 0 and 1, and is the plain proportion when nothing is censored', () => {
    const observation = fc.record({ time: fc.integer({ min: 0, max: 60 }), event: fc.boolean() });
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 80 }), (observations) => {
        const steps = kaplanMeier(observations);
        expect(steps.reduce((sum, step) => sum + step.events + step.censored, 0)).toBe(observations.length);
        steps.forEach((step, index) => {
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.survival).toBeLessThanOrEqual(index === 0 ? 1 : steps[index - 1].survival);
        });
        const uncensored = observations.map((item) => ({ ...item, event: true }));
        for (const step of kaplanMeier(uncensored)) {
          expect(step.survival).toBeCloseTo(uncensored.filter((item) => item.time > step.time).length / uncensored.length, 12);
        }
      }),
    );
  });
});
