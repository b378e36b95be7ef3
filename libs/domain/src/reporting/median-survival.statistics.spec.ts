import fc from 'fast-check';
import { kaplanMeier } from './kaplan-meier.statistics';
import { greenwoodBand, medianSurvival, Z_95 } from './median-survival.statistics';

const weeks = (text: string) => text.split(' ').map((entry) => ({ time: Number.parseInt(entry, 10), event: !entry.endsWith('*') }));

/** Remission times in weeks (Freireich et al. 1963, as in Gehan 1965); `*` is censored. */
const SIX_MP = weeks('6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*');
const PLACEBO = weeks('1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23');

describe('median survival and its Brookmeyer-Crowley interval', () => {
  it('matches the 6-MP group worked by hand: median 23 weeks, interval from 13 weeks, upper end not reached', () => {
    // S and Greenwood SE at the event times (Klein and Moeschberger, table 4.1A), then S - 1.96 SE and S + 1.96 SE:
    //   t=10: 0.753 - 0.189 = 0.564 > 0.5;  t=13: 0.690 - 0.209 = 0.481 <= 0.5, so the interval starts at 13.
    //   t=22: S = 0.538 > 0.5;  t=23: S = 0.448 <= 0.5, so the median is 23.
    //   S + 1.96 SE at the last event, t=23: 0.448 + 0.264 = 0.712; no later event, so the upper end is not reached.
    expect(medianSurvival(kaplanMeier(SIX_MP))).toEqual({ median: 23, lower: 13, upper: null });
  });

  it('matches the placebo group worked by hand: median 8 weeks (4 to 11)', () => {
    // No censoring, so S = survivors / 21 and SE = sqrt(S (1 - S) / 21):
    //   t=3: 16/21 = 0.762 - 1.96 x 0.093 = 0.580;  t=4: 14/21 = 0.667 - 1.96 x 0.103 = 0.465 <= 0.5: lower end 4.
    //   t=5: S = 0.571;  t=8: S = 8/21 = 0.381 <= 0.5: median 8.
    //   t=8: 0.381 + 1.96 x 0.106 = 0.589;  t=11: 6/21 = 0.286 + 1.96 x 0.099 = 0.479 <= 0.5: upper end 11.
    expect(medianSurvival(kaplanMeier(PLACEBO))).toEqual({ median: 8, lower: 4, upper: 11 });
  });

  it('is not reached while the curve stays above a half, though the band may already reach it', () => {
    // One event in 5: S = 0.8, SE = 0.8 x sqrt(1 / (5 x 4)) = 0.179, S - 1.96 SE = 0.449 <= 0.5 from week 3.
    expect(medianSurvival(kaplanMeier(weeks('3 5* 6* 7* 9*')))).toEqual({ median: null, lower: 3, upper: null });
    expect(medianSurvival(kaplanMeier(weeks('3* 5* 6* 7* 9*')))).toEqual({ median: null, lower: null, upper: null });
    expect(medianSurvival([])).toEqual({ median: null, lower: null, upper: null });
  });

  it('draws the band as S ± 1.96 SE within [0, 1], and as the point where the error is undefined', () => {
    expect(greenwoodBand({ survival: 0.5, standardError: 0.1 })).toEqual({ lower: 0.5 - Z_95 * 0.1, upper: 0.5 + Z_95 * 0.1 });
    expect(greenwoodBand({ survival: 0.95, standardError: 0.1 })).toEqual({ lower: 0.95 - Z_95 * 0.1, upper: 1 });
    expect(greenwoodBand({ survival: 0.05, standardError: 0.1 })).toEqual({ lower: 0, upper: 0.05 + Z_95 * 0.1 });
    expect(greenwoodBand({ survival: 0, standardError: null })).toEqual({ lower: 0, upper: 0 });
  });

  it('always puts the median inside its interval when both are reached', () => {
    const observation = fc.record({ time: fc.integer({ min: 0, max: 60 }), event: fc.boolean() });
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 80 }), (observations) => {
        const { median, lower, upper } = medianSurvival(kaplanMeier(observations));
        if (median !== null && lower !== null) expect(lower).toBeLessThanOrEqual(median);
        if (median !== null && upper !== null) expect(upper).toBeGreaterThanOrEqual(median);
        if (median === null) expect(upper).toBeNull();
      }),
    );
  });
});
