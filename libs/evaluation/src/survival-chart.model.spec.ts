import { type CurveObservation, survivalCurve } from '@workwell/domain';
import {
  atRiskAt,
  endLabels,
  groupSummary,
  kaplanMeierPoints,
  lastFollowUp,
  PALETTE,
  plural,
  seriesStyle,
  survivalChartData,
  timeTicks,
  valuesAt,
} from './survival-chart.model';

const observations = (text: string): CurveObservation[] =>
  text.split(' ').map((entry) => ({
    time: Number.parseInt(entry, 10),
    cause: entry.endsWith('*') ? 'censored' : entry.endsWith('x') ? 'competing' : 'event',
  }));

/** A cohort followed to day 300, one to day 60, and one of three starts. */
const long = survivalCurve('2025-01', observations('20 40 84* 90 120x 150 182* 200* 250 300*'));
const short = survivalCurve('2025-09', observations('10 15* 30 45x 50* 60*'));
const tiny = survivalCurve('2025-11', observations('5 8* 9*'));
const result = {
  by: 'cohort',
  asOf: '2026-03-31T23:00:00.000Z',
  judgedAt: '2026-03-31T23:00:00.000Z',
  lastPosition: 42,
  siteId: null,
  participants: 19,
  episodes: 19,
  curves: [long, short, tiny],
};

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('survival chart model', () => {
  it('leaves groups under the threshold out, naming them only', () => {
    const data = survivalChartData(result);
    expect(data.curves.map((curve) => curve.group)).toEqual(['2025-01', '2025-09']);
    expect(data).toMatchObject({ suppressBelow: 5, suppressed: ['2025-11'] });
    expect(JSON.stringify(data)).not.toContain('"time":5,');
    expect(survivalChartData(result, 3).suppressed).toEqual([]);
    expect(survivalChartData(result, 11).curves).toEqual([]);
    expect(() => survivalChartData(result, -1)).toThrow(RangeError);
    expect(() => survivalChartData(result, 2.5)).toThrow(RangeError);
  });

  it("ends each curve at its own group's last follow-up", () => {
    expect([lastFollowUp(long), lastFollowUp(short)]).toEqual([300, 60]);
    expect(kaplanMeierPoints(short).at(0)).toEqual({ time: 0, value: 1, lower: 1, upper: 1 });
    expect(kaplanMeierPoints(short).at(-1)?.time).toBe(60);
    expect(valuesAt(short, 84)).toBeNull();
    expect(valuesAt(short, 56)?.survival).toBeCloseTo((5 / 6) * (3 / 4), 12);
  });

  it('counts those at risk at each tick, and none once a group is no longer followed', () => {
    expect(timeTicks(60)).toEqual([0, 28, 56]);
    expect(timeTicks(300)).toEqual([0, 56, 112, 168, 224, 280]);
    expect(timeTicks(700)).toEqual([0, 91, 182, 273, 364, 455, 546, 637]);
    expect([0, 28, 56, 84].map((day) => atRiskAt(short, day))).toEqual([6, 4, 1, null]);
    expect([0, 56, 280].map((day) => atRiskAt(long, day))).toEqual([10, 8, 1]);
  });

  it('summarises each group with its median time to work and interval', () => {
    expect(groupSummary(long)).toMatchObject({ starts: 10, workOutcomes: 5, competingExits: 1, censored: 4, lastFollowUp: 300 });
    // S: 0.9 at 20, 0.8 at 40, 0.686 at 90 (7 at risk), 0.549 at 150 (5 at risk), 0.274 at 250 (2 at risk): the median is 250.
    expect(groupSummary(long).median.median).toBe(250);
  });

  it('says "1 start" and "2 starts"', () => {
    expect([plural(1, 'start'), plural(2, 'start'), plural(1234, 'start'), plural(0, 'group')]).toEqual([
      '1 start',
      '2 starts',
      '1,234 starts',
      '0 groups',
    ]);
  });

  it('draws eighteen groups in distinct styles, every colour at 3:1 or more against white', () => {
    for (const colour of PALETTE) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(3);
    const styles = Array.from({ length: 18 }, (_, index) => JSON.stringify(seriesStyle(index)));
    expect(new Set(styles).size).toBe(18);
  });

  it('moves a direct label down when another ends close by', () => {
    const a = survivalCurve('a', observations('10 20*'));
    const b = survivalCurve('b', observations('10 20*'));
    const c = survivalCurve('c', observations('10 200*'));
    const labels = endLabels([a, b, c], { time: 10, value: 0.05 });
    expect(labels.map((label) => [label.group, label.time])).toEqual([
      ['a', 20],
      ['b', 20],
      ['c', 200],
    ]);
    expect(labels[0].value - labels[1].value).toBeCloseTo(0.05, 12);
    expect(labels[2].value).toBe(0.5);
  });
});
