import { commands, day, PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { base, checkpoint, record, row } from '../../testing/evaluation-records.fixtures';
import { knownAt, recordedAt, storedEvents } from '../../testing/reporting.fixtures';
import { evaluationReport } from './evaluation.report';
import { outcomeRecords } from './outcome-record.report';

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
