import { base, record, row } from '../../testing/evaluation-records.fixtures';
import { siteConfiguration, siteRegistryOfConfigurations } from '../../testing/site.fixtures';
import { evaluationReport } from './evaluation.report';
import type { OutcomeRecord } from './outcome-record.types';

describe('breakdowns, targets and roll-ups', () => {
  const inJanuary = (id: string, started: boolean, overrides: Partial<OutcomeRecord>) =>
    record(id, '2025-01-10', started ? '2025-01-20' : null, {}, overrides);
  const demographics = (sex: string, ethnicity: string) => ({ ...base.demographics, sex, ethnicity });
  const work = {
    kind: 'in-work',
    status: 'returned-to-work',
    checkpoint: '12-weeks',
    observedAt: '',
    recordedAt: '',
    daysFromStart: 84,
  } as const;
  const records = [
    inJanuary('a', true, {
      demographics: demographics('female', 'white-british'),
      locality: 'bolton',
      cohort: 'cohort-1',
      firstWorkOutcome: work,
    }),
    inJanuary('b', true, { demographics: demographics('female', 'asian-indian'), locality: 'bolton', cohort: 'cohort-2' }),
    inJanuary('c', false, { demographics: demographics('male', 'white-british'), locality: 'wigan', cohort: 'cohort-1' }),
    inJanuary('d', true, {
      demographics: demographics('male', 'white-british'),
      locality: 'wigan',
      cohort: 'none',
      referringOrganisation: 'Y02345',
      employmentStatusAtFirstAppointment: 'unemployed',
      primaryNonHealthBarrier: 'finance-debt',
      firstWorkOutcome: { ...work, kind: 'job', status: 'new-employment' },
      exit: { dischargedAt: '2025-01-28T10:00:00.000Z', reason: 'plan-completed', type: 'work', statusAtDischarge: 'new-employment' },
    }),
  ];
  const rows = evaluationReport(records, { period: 'month', suppressBelow: 0 });
  const breakdown = (measure: string, by: string) => {
    const found = row(rows, 'site-01', '2025-01').breakdowns.find((item) => item.measure === measure && item.by === by);
    if (found === undefined) throw new Error(`no ${measure} by ${by}`);
    return found;
  };
  const shown = (value: string, count: number, of: number) => ({ value, count, of, rate: count / of, suppressed: false });

  it('shares referrals out by locality, cohort and referring organisation', () => {
    expect(breakdown('referrals', 'locality').groups).toEqual([shown('bolton', 2, 4), shown('wigan', 2, 4)]);
    expect(breakdown('referrals', 'cohort').groups).toEqual([shown('cohort-1', 2, 4), shown('cohort-2', 1, 4), shown('none', 1, 4)]);
    expect(breakdown('referrals', 'referring-organisation').groups).toEqual([shown('Y02345', 1, 4), shown('not-recorded', 3, 4)]);
  });

  it('breaks starts down by employment status at first appointment and primary non-health barrier', () => {
    expect(breakdown('starts', 'employment-status-at-first-appointment')).toEqual({
      measure: 'starts',
      by: 'employment-status-at-first-appointment',
      total: { count: 3, of: 3, rate: 1 },
      groups: [shown('employed-off-sick', 2, 3), shown('unemployed', 1, 3)],
    });
    expect(breakdown('starts', 'primary-non-health-barrier').groups).toEqual([shown('confidence', 2, 3), shown('finance-debt', 1, 3)]);
  });

  it('works conversion and work outcomes out within each equality group', () => {
    expect(breakdown('conversion', 'sex')).toEqual({
      measure: 'conversion',
      by: 'sex',
      total: { count: 3, of: 4, rate: 0.75 },
      groups: [shown('female', 2, 2), shown('male', 1, 2)],
    });
    expect(breakdown('conversion', 'ethnicity').groups).toEqual([shown('asian-indian', 1, 1), shown('white-british', 2, 3)]);
    expect(breakdown('work-outcome', 'sex').groups).toEqual([shown('female', 1, 2), shown('male', 1, 1)]);
    expect(breakdown('work-outcome', 'cohort').groups).toEqual([shown('cohort-1', 1, 1), shown('cohort-2', 0, 1), shown('none', 1, 1)]);
  });

  it('breaks discharges down by reason and by employment status at discharge', () => {
    expect(breakdown('discharges', 'discharge-reason').groups).toEqual([shown('plan-completed', 1, 1)]);
    expect(breakdown('discharges', 'employment-status-at-discharge').groups).toEqual([shown('new-employment', 1, 1)]);
  });

  it('suppresses groups under the threshold, naming them, never dropping them', () => {
    const suppressed = evaluationReport(records, { period: 'month', suppressBelow: 3 });
    const sex = row(suppressed, 'site-01', '2025-01').breakdowns.find((item) => item.measure === 'conversion' && item.by === 'sex');
    expect(sex?.groups).toEqual([
      { value: 'female', count: null, of: null, rate: null, suppressed: true },
      { value: 'male', count: null, of: null, rate: null, suppressed: true },
    ]);
    expect(sex?.total).toEqual({ count: 3, of: 4, rate: 0.75 });
  });

  it('rolls sites up to their vanguard and the nation, with starts against target by financial quarter', () => {
    const sites = siteRegistryOfConfigurations([
      siteConfiguration('bolton', { vanguard: 'gm', quarterlyStartTargets: { 'Q4 24/25': 10 } }),
      siteConfiguration('wigan', { vanguard: 'gm', quarterlyStartTargets: { 'Q4 24/25': 5, 'Q1 25/26': 8 } }),
    ]);
    const gm = (id: string, siteId: string, started: boolean) => {
      const item = { ...inJanuary(id, started, { siteId }), vanguard: 'gm' };
      return { ...item, referralFinancialQuarter: 'Q4 24/25', startFinancialQuarter: started ? 'Q4 24/25' : null };
    };
    const inQuarter = [gm('a', 'bolton', true), gm('b', 'bolton', true), gm('c', 'wigan', true), gm('d', 'wigan', false)];
    const quarterRows = evaluationReport(inQuarter, { period: 'financial-quarter', sites }).filter((item) => item.period === 'Q4 24/25');
    expect(
      quarterRows.map((item) => [item.level, item.siteId, item.period, item.starts, item.startTarget, item.startsAgainstTarget?.rate]),
    ).toEqual([
      ['national', '*', 'Q4 24/25', 3, 15, 0.2],
      ['vanguard', 'gm', 'Q4 24/25', 3, 15, 0.2],
      ['site', 'bolton', 'Q4 24/25', 2, 10, 0.2],
      ['site', 'wigan', 'Q4 24/25', 1, 5, 0.2],
    ]);
    // As of 31 December 2025 the programme to date includes Q1 25/26's target as well.
    const toDate = evaluationReport(inQuarter, { period: 'programme-to-date', sites });
    expect(toDate.map((item) => [item.siteId, item.period, item.referrals.total, item.startTarget])).toEqual([
      ['*', 'programme-to-date', 4, 23],
      ['gm', 'programme-to-date', 4, 23],
      ['bolton', 'programme-to-date', 2, 10],
      ['wigan', 'programme-to-date', 2, 13],
    ]);
  });

  it('counts only the facts within a date range', () => {
    const ranged = evaluationReport(records, { period: 'programme-to-date', from: '2025-01-15', suppressBelow: 0 });
    expect(row(ranged, 'site-01', 'programme-to-date')).toMatchObject({ referrals: { total: 0 }, starts: 3 });
  });

  it('averages wellbeing scores per instrument at baseline and at each checkpoint', () => {
    const scored = (id: string, baseline: number, at12: number | null) => {
      const item = record(id, '2025-01-10', '2025-01-20', { twelve: 'returned-to-work' });
      return {
        ...item,
        baselineWellbeing: { instrument: 'swemwbs', score: baseline },
        checkpoints: item.checkpoints.map((checkpoint) =>
          checkpoint.checkpoint === '12-weeks' && at12 !== null
            ? { ...checkpoint, wellbeing: { instrument: 'swemwbs', score: at12 } }
            : checkpoint,
        ),
      };
    };
    const wellbeing = row(
      evaluationReport([scored('a', 20, 24), scored('b', 23, null)], { period: 'month', suppressBelow: 0 }),
      'site-01',
      '2025-01',
    ).wellbeing;
    expect(wellbeing).toEqual([
      { instrument: 'swemwbs', at: 'baseline', participants: 2, meanScore: 21.5, suppressed: false },
      { instrument: 'swemwbs', at: '12-weeks', participants: 1, meanScore: 24, suppressed: false },
    ]);
  });
});
