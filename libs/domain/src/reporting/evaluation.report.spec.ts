import { commands, day, PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { evaluationReport } from './evaluation.report';
import { outcomeRecords } from './outcome-record.report';
import type { CheckpointRecord, CheckpointStatus, OutcomeRecord } from './outcome-record.types';
import { knownAt, recordedAt, storedEvents } from '../../testing/reporting.fixtures';
import { monthOf, quarterOf } from './reporting-period.values';
import { siteConfiguration, siteRegistryOfConfigurations } from '../../testing/site.fixtures';

const [base] = outcomeRecords(storedEvents({ participantId: PARTICIPANT_ID, commands: started() }), { asOf: '2025-12-31T12:00:00Z' });

const checkpoint = (
  name: CheckpointRecord['checkpoint'],
  dueOn: string,
  status: CheckpointStatus | null,
  lostIfNothing = false,
): CheckpointRecord => ({
  checkpoint: name,
  dueOn,
  status,
  hoursPerWeek: null,
  wellbeing: null,
  observedAt: status === null ? null : `${dueOn}T10:00:00.000Z`,
  recordedAt: status === null ? null : `${dueOn}T10:00:00.000Z`,
  lostToFollowUp: status === 'not-reached' || (status === null && lostIfNothing),
});

/** A record referred and perhaps started on the given days, with its 12 and 26 week statuses (left out: lost to follow-up). */
const record = (
  participantId: string,
  referredOn: string,
  startedOn: string | null,
  at: { readonly twelve?: CheckpointStatus | null; readonly twentySix?: CheckpointStatus | null } = {},
  overrides: Partial<OutcomeRecord> = {},
): OutcomeRecord => ({
  ...base,
  participantId,
  referredAt: `${referredOn}T10:00:00.000Z`,
  referralMonth: monthOf(referredOn),
  referralQuarter: quarterOf(referredOn),
  startedAt: startedOn === null ? null : `${startedOn}T10:00:00.000Z`,
  startMonth: startedOn === null ? null : monthOf(startedOn),
  startQuarter: startedOn === null ? null : quarterOf(startedOn),
  checkpoints:
    startedOn === null
      ? []
      : [
          checkpoint('12-weeks', '2025-12-01', at.twelve ?? null, at.twelve === undefined),
          checkpoint('26-weeks', '2025-12-01', at.twentySix ?? null, at.twentySix === undefined),
        ],
  sustained:
    startedOn === null
      ? null
      : (at.twelve === 'returned-to-work' || at.twelve === 'new-employment') &&
        (at.twentySix === 'returned-to-work' || at.twentySix === 'new-employment'),
  firstWorkOutcome: null,
  exit: null,
  satisfaction: null,
  ...overrides,
  vanguard: overrides.vanguard ?? overrides.siteId ?? base.vanguard,
});

const row = (rows: ReturnType<typeof evaluationReport>, siteId: string, period: string) => {
  const found = rows.find((candidate) => candidate.siteId === siteId && candidate.period === period);
  if (found === undefined) throw new Error(`no row for ${siteId} ${period}`);
  return found;
};

describe('evaluation report', () => {
  it('converts the referrals of a period, not the starts of the period over its referrals', () => {
    const rows = evaluationReport(
      [record('a', '2025-01-10', '2025-02-05'), record('b', '2025-01-20', null), record('c', '2025-02-03', '2025-02-20')],
      { period: 'month' },
    );
    expect(row(rows, 'site-01', '2025-01')).toMatchObject({
      starts: 0,
      conversion: { count: 1, of: 2, rate: 0.5 },
      referrals: { total: 2 },
    });
    // February has two starts but one referral: its conversion is 1 of 1, never 2 of 1.
    expect(row(rows, 'site-01', '2025-02')).toMatchObject({ starts: 2, conversion: { count: 1, of: 1, rate: 1 }, referrals: { total: 1 } });
  });

  it('gives outcome rates per start cohort, never cumulative outcomes over cumulative starts', () => {
    const rows = evaluationReport(
      [
        record('a', '2025-01-02', '2025-01-10', { twelve: 'returned-to-work', twentySix: 'returned-to-work' }),
        record('b', '2025-01-02', '2025-01-20', { twelve: 'unemployed-seeking', twentySix: 'new-employment' }),
        record('c', '2025-01-02', '2025-02-10', { twelve: 'new-employment', twentySix: 'not-reached' }),
      ],
      { period: 'month' },
    );
    const january = row(rows, 'site-01', '2025-01').cohort;
    expect(january.starts).toBe(2);
    expect(january.checkpoints[0]).toEqual({
      checkpoint: '12-weeks',
      starts: 2,
      due: 2,
      reached: 2,
      lostToFollowUp: 0,
      inWork: { count: 1, of: 2, rate: 0.5 },
      job: { count: 0, of: 2, rate: 0 },
      inWorkOrJobByCheckpoint: { count: 1, of: 2, rate: 0.5 },
    });
    expect(january.checkpoints[1]).toMatchObject({
      checkpoint: '26-weeks',
      job: { count: 1, of: 2 },
      inWorkOrJobByCheckpoint: { count: 2, of: 2, rate: 1 },
    });
    expect(january.sustained).toEqual({ count: 1, of: 2, rate: 0.5 });
    const february = row(rows, 'site-01', '2025-02').cohort;
    expect(february.checkpoints[0]).toMatchObject({ starts: 1, job: { count: 1, of: 1, rate: 1 } });
    expect(february.checkpoints[1]).toMatchObject({ reached: 0, lostToFollowUp: 1, inWorkOrJobByCheckpoint: { count: 1, of: 1 } });
    expect(february.sustained).toEqual({ count: 0, of: 1, rate: 0 });
  });

  it('counts sustained only where the schedule has both 12 and 26 weeks', () => {
    const survey = record(
      'd',
      '2025-01-02',
      '2025-01-10',
      {},
      { sustained: null, checkpoints: [checkpoint('6-months', '2025-07-10', 'self-employed')] },
    );
    const rows = evaluationReport(
      [record('a', '2025-01-02', '2025-01-10', { twelve: 'returned-to-work', twentySix: 'new-employment' }), survey],
      { period: 'quarter' },
    );
    const cohort = row(rows, 'site-01', '2025-Q1').cohort;
    expect(cohort.sustained).toEqual({ count: 1, of: 1, rate: 1 });
    expect(cohort.checkpoints.map((item) => [item.checkpoint, item.starts])).toEqual([
      ['12-weeks', 1],
      ['26-weeks', 1],
      ['6-months', 1],
    ]);
  });

  it('measures satisfaction as the share of ratings of 4 or 5, by the month of discharge', () => {
    const discharged = (participantId: string, satisfaction: number | null) =>
      record(
        participantId,
        '2025-01-02',
        null,
        {},
        { exit: { dischargedAt: '2025-03-05T10:00:00Z', reason: 'plan-completed', type: 'other', statusAtDischarge: null }, satisfaction },
      );
    const rows = evaluationReport([discharged('a', 5), discharged('b', 4), discharged('c', 3), discharged('d', null)], { period: 'month' });
    expect(row(rows, 'site-01', '2025-03').satisfaction).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect(row(rows, 'site-01', '2025-01').satisfaction).toEqual({ count: 0, of: 0, rate: null });
  });

  it('measures follow-up response over checkpoints recorded or lost, by the month they fell due', () => {
    const rows = evaluationReport(
      [
        record('a', '2025-06-02', '2025-06-02', { twelve: 'returned-to-work', twentySix: 'off-sick' }),
        record('b', '2025-06-02', '2025-06-02', { twelve: 'not-reached', twentySix: null }),
      ],
      { period: 'month' },
    );
    // Both due 1 December: a's two are reached, b's 12-week could not be reached, b's 26-week is not yet lost.
    expect(row(rows, 'site-01', '2025-12').followUpResponse).toEqual({ count: 2, of: 3, rate: 2 / 3 });
  });

  it('counts service standards met among the referrals where they apply', () => {
    const rows = evaluationReport(
      [
        record('a', '2025-01-02', null, {}, { firstContactWithin2WorkingDays: true, signedPlanWithin20WorkingDays: false }),
        record('b', '2025-01-02', null, {}, { firstContactWithin2WorkingDays: false, signedPlanWithin20WorkingDays: null }),
        record('c', '2025-01-02', null, {}, { firstContactWithin2WorkingDays: null, signedPlanWithin20WorkingDays: null }),
      ],
      { period: 'month' },
    );
    expect(row(rows, 'site-01', '2025-01')).toMatchObject({
      firstContactStandard: { count: 1, of: 2, rate: 0.5 },
      signedPlanStandard: { count: 0, of: 1, rate: 0 },
    });
  });

  it('adds a national row per period and orders rows by site then period', () => {
    const rows = evaluationReport(
      [
        record('a', '2025-02-02', null, {}, { siteId: 'site-02' }),
        record('b', '2025-01-02', null),
        record('c', '2025-02-02', null, {}, { referralSource: 'self' }),
      ],
      { period: 'month' },
    );
    expect(rows.map((item) => `${item.siteId} ${item.period}`)).toEqual([
      '* 2025-01',
      '* 2025-02',
      'site-01 2025-01',
      'site-01 2025-02',
      'site-02 2025-02',
    ]);
    expect(row(rows, '*', '2025-02').referrals).toMatchObject({ total: 2, bySource: { gp: 1, self: 1 } });
  });

  it('reports one exact row, with every count behind its figures', () => {
    const [only] = evaluationReport([base], { period: 'quarter' }).filter((item) => item.siteId === 'site-01' && item.period === '2025-Q1');
    expect(only).toEqual({
      siteId: 'site-01',
      level: 'site',
      periodKind: 'quarter',
      period: '2025-Q1',
      referrals: {
        total: 1,
        bySource: { gp: 1 },
        triageDecisions: { accepted: 1 },
        employmentStatusAtReferral: { 'employed-off-sick': 1 },
        outOfWorkAtReferral: 0,
        primaryHealthBarrier: { 'mental-health': 1 },
        ageBand: { '35-44': 1 },
        sex: { 'not-disclosed': 1 },
        ethnicity: { 'white-british': 1 },
        disability: { disabled: 1 },
        imdDecile: { '3': 1 },
        onwardReferralsByService: {},
        withEmployerLiaison: 0,
      },
      starts: 1,
      conversion: { count: 1, of: 1, rate: 1 },
      cohort: {
        starts: 1,
        checkpoints: [
          // As of 31 December 2025 the 12 and 26 week checkpoints (5 June, 11 September) are lost; 52 weeks is not yet due.
          {
            checkpoint: '12-weeks',
            starts: 1,
            due: 1,
            reached: 0,
            lostToFollowUp: 1,
            inWork: { count: 0, of: 1, rate: 0 },
            job: { count: 0, of: 1, rate: 0 },
            inWorkOrJobByCheckpoint: { count: 0, of: 1, rate: 0 },
          },
          {
            checkpoint: '26-weeks',
            starts: 1,
            due: 1,
            reached: 0,
            lostToFollowUp: 1,
            inWork: { count: 0, of: 1, rate: 0 },
            job: { count: 0, of: 1, rate: 0 },
            inWorkOrJobByCheckpoint: { count: 0, of: 1, rate: 0 },
          },
          {
            checkpoint: '52-weeks',
            starts: 1,
            due: 0,
            reached: 0,
            lostToFollowUp: 0,
            inWork: { count: 0, of: 1, rate: 0 },
            job: { count: 0, of: 1, rate: 0 },
            inWorkOrJobByCheckpoint: { count: 0, of: 1, rate: 0 },
          },
        ],
        sustained: { count: 0, of: 1, rate: 0 },
        anyWorkOutcome: { count: 0, of: 1, rate: 0 },
      },
      satisfaction: { count: 0, of: 0, rate: null },
      followUpResponse: { count: 0, of: 0, rate: null },
      firstContactStandard: { count: 1, of: 1, rate: 1 },
      signedPlanStandard: { count: 1, of: 1, rate: 1 },
      startTarget: null,
      startsAgainstTarget: null,
      // Every group is of one person: suppressed under the default threshold (see the breakdown tests).
      breakdowns: expect.arrayContaining([
        {
          measure: 'starts',
          by: 'ethnicity',
          total: { count: 1, of: 1, rate: 1 },
          groups: [{ value: 'white-british', count: null, of: null, rate: null, suppressed: true }],
        },
      ]),
      wellbeing: [{ instrument: 'swemwbs', at: 'baseline', participants: null, meanScore: null, suppressed: true }],
      suppressedBelow: 5,
      asOf: '2025-12-31T12:00:00Z',
      lastPosition: 7,
    });
  });

  it('changes today figures with a late outcome, but not a replay as of before it was recorded', () => {
    const events = storedEvents({ participantId: PARTICIPANT_ID, commands: [...started(), recordedAt(commands.outcome(), day(130))] });
    const inWorkAt12Weeks = (cut: string) =>
      row(evaluationReport(outcomeRecords(knownAt(events, cut), { asOf: cut }), { period: 'month' }), '*', '2025-03').cohort.checkpoints[0]
        .inWork;
    expect(inWorkAt12Weeks(day(129))).toEqual({ count: 0, of: 1, rate: 0 });
    expect(inWorkAt12Weeks(day(130))).toEqual({ count: 1, of: 1, rate: 1 });
  });
});

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
