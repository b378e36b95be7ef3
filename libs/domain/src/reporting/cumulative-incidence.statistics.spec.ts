import fc from 'fast-check';
import { type CompetingRiskCause, cumulativeIncidence } from './cumulative-incidence.statistics';
import { kaplanMeier } from './kaplan-meier.statistics';

describe('cumulative incidence with competing exits', () => {
  it('matches an example worked by hand', () => {
    const observations: { time: number; cause: CompetingRiskCause }[] = [
      { time: 2, cause: 'event' },
      { time: 3, cause: 'competing' },
      { time: 3, cause: 'censored' },
      { time: 5, cause: 'event' },
      { time: 6, cause: 'competing' },
      { time: 6, cause: 'event' },
      { time: 8, cause: 'censored' },
      { time: 9, cause: 'event' },
    ];
    // t=2: n=8, S before 1, event 1/8 = .125; S = 7/8.
    // t=3: n=7, competing 7/8 * 1/7 = .125; S = 7/8 * 6/7 = .75 (the censoring leaves after).
    // t=5: n=5, event += .75 * 1/5 = .15 -> .275; S = .6.
    // t=6: n=4, event += .6 * 1/4 = .15 -> .425, competing += .15 -> .275; S = .6 * 2/4 = .3.
    // t=8: n=2, censored. t=9: n=1, event += .3 -> .725; S = 0.
    const expected = [
      { time: 2, atRisk: 8, events: 1, competing: 0, censored: 0, survival: 0.875, eventIncidence: 0.125, competingIncidence: 0 },
      { time: 3, atRisk: 7, events: 0, competing: 1, censored: 1, survival: 0.75, eventIncidence: 0.125, competingIncidence: 0.125 },
      { time: 5, atRisk: 5, events: 1, competing: 0, censored: 0, survival: 0.6, eventIncidence: 0.275, competingIncidence: 0.125 },
      { time: 6, atRisk: 4, events: 1, competing: 1, censored: 0, survival: 0.3, eventIncidence: 0.425, competingIncidence: 0.275 },
      { time: 8, atRisk: 2, events: 0, competing: 0, censored: 1, survival: 0.3, eventIncidence: 0.425, competingIncidence: 0.275 },
      { time: 9, atRisk: 1, events: 1, competing: 0, censored: 0, survival: 0, eventIncidence: 0.725, competingIncidence: 0.275 },
    ];
    const steps = cumulativeIncidence(observations);
    expect(steps.map(({ time, atRisk, events, competing, censored }) => ({ time, atRisk, events, competing, censored }))).toEqual(
      expected.map(({ time, atRisk, events, competing, censored }) => ({ time, atRisk, events, competing, censored })),
    );
    steps.forEach((step, index) => {
      expect(step.survival).toBeCloseTo(expected[index].survival, 12);
      expect(step.eventIncidence).toBeCloseTo(expected[index].eventIncidence, 12);
      expect(step.competingIncidence).toBeCloseTo(expected[index].competingIncidence, 12);
    });
    // 1 - KM with the competing exits treated as censored overstates the event: 1 - 0 = 1 against .725.
    const naive = kaplanMeier(observations.map((item) => ({ time: item.time, event: item.cause === 'event' })));
    expect(1 - (naive.at(-1)?.survival ?? 1)).toBe(1);
  });

  it('always sums with overall survival to 1, and equals 1 - KM without competing exits', () => {
    const cause = fc.constantFrom<CompetingRiskCause>('event', 'competing', 'censored');
    fc.assert(
      fc.property(fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }), cause }), { maxLength: 60 }), (observations) => {
        for (const step of cumulativeIncidence(observations))
          expect(step.eventIncidence + step.competingIncidence + step.survival).toBeCloseTo(1, 10);
        const withoutCompeting = observations.map((item) => ({
          ...item,
          cause: item.cause === 'competing' ? ('censored' as const) : item.cause,
        }));
        const km = kaplanMeier(withoutCompeting.map((item) => ({ time: item.time, event: item.cause === 'event' })));
        cumulativeIncidence(withoutCompeting).forEach((step, index) => expect(step.eventIncidence).toBeCloseTo(1 - km[index].survival, 10));
      }),
    );
  });
});
