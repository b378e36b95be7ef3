import { coded } from '../code-lists/code-list.types';
import * as lists from '../code-lists';
import { commands, consentTo, day, PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { outcomeRecords } from './outcome-record.report';
import { at12Weeks, at26Weeks, knownAt, recordedAt, recordOf, storedEvents } from '../../testing/reporting.fixtures';

describe('outcome records', () => {
  it('turns a whole journey into one exact record', () => {
    // Versions: 1-7 as in `started()`, 8 blocked liaison, 9 consent, 10-11 liaison and its sharing,
    // 12-13 onward referrals, 14 the 12-week outcome, 15 discharge, 16 the 26-week outcome (late).
    const record = recordOf(
      [
        ...started(),
        commands.liaise(),
        consentTo('employer-liaison', day(21.5)),
        commands.liaise({ occurredAt: day(22), liaisonId: 'liaison-2' }),
        commands.onwardReferral({ dataShared: null }),
        commands.onwardReferral({
          occurredAt: day(25),
          onwardReferralId: 'onward-2',
          service: coded(lists.ONWARD_SERVICES, 'msk-physio'),
          dataShared: null,
        }),
        at12Weeks('returned-to-work'),
        commands.discharge(),
        recordedAt(at26Weeks('remained-in-work'), day(200)),
      ],
      { asOf: day(420) },
    );
    expect(record).toEqual({
      participantId: PARTICIPANT_ID,
      episode: 1,
      siteId: 'site-01',
      vanguard: 'site-01',
      locality: 'unknown',
      deliveryOrganisation: 'icb-north-east',
      cohort: 'none',
      referredAt: '2025-03-03T09:00:00.000Z',
      referralMonth: '2025-03',
      referralQuarter: '2025-Q1',
      referralFinancialQuarter: 'Q4 24/25',
      referralSource: 'gp',
      referringOrganisation: 'not-recorded',
      employmentStatusAtReferral: 'employed-off-sick',
      outOfWorkAtReferral: false,
      fitNoteHeld: true,
      demographics: { ageBand: '35-44', sex: 'not-disclosed', ethnicity: 'white-british', disability: 'disabled', imdDecile: '3' },
      triageDecision: 'accepted',
      firstContactAt: '2025-03-04T09:00:00.000Z',
      firstContactWithin2WorkingDays: true,
      firstAppointmentAt: '2025-03-06T09:00:00.000Z',
      employmentStatusAtFirstAppointment: 'employed-off-sick',
      startedAt: '2025-03-13T09:00:00.000Z',
      startMonth: '2025-03',
      startQuarter: '2025-Q1',
      startFinancialQuarter: 'Q4 24/25',
      planType: 'return-to-work',
      signedPlanOn: '2025-03-13',
      signedPlanWithin20WorkingDays: true,
      primaryHealthBarrier: 'mental-health',
      primaryNonHealthBarrier: 'confidence',
      baselineWellbeing: { instrument: 'swemwbs', score: 21 },
      onwardReferrals: { 'msk-physio': 1, 'nhs-talking-therapies': 1 },
      employerLiaison: true,
      sharingsBlocked: 1,
      checkpoints: [
        // Due 12 weeks after Thursday 13 March; observed on the day, recorded a minute later.
        {
          checkpoint: '12-weeks',
          dueOn: '2025-06-05',
          status: 'returned-to-work',
          hoursPerWeek: 30,
          wellbeing: null,
          observedAt: '2025-06-05T09:00:00.000Z',
          recordedAt: '2025-06-05T09:01:00.000Z',
          lostToFollowUp: false,
        },
        {
          checkpoint: '26-weeks',
          dueOn: '2025-09-11',
          status: 'remained-in-work',
          hoursPerWeek: 30,
          wellbeing: null,
          observedAt: '2025-09-11T09:00:00.000Z',
          recordedAt: '2025-09-19T09:00:00.000Z',
          lostToFollowUp: false,
        },
        // As of 27 April 2026 the 52-week checkpoint of 12 March is 46 days overdue.
        {
          checkpoint: '52-weeks',
          dueOn: '2026-03-12',
          status: null,
          hoursPerWeek: null,
          wellbeing: null,
          observedAt: null,
          recordedAt: null,
          lostToFollowUp: true,
        },
      ],
      firstWorkOutcome: {
        kind: 'in-work',
        status: 'returned-to-work',
        checkpoint: '12-weeks',
        observedAt: '2025-06-05T09:00:00.000Z',
        recordedAt: '2025-06-05T09:01:00.000Z',
        daysFromStart: 84,
      },
      sustained: true,
      exit: { dischargedAt: '2025-06-11T09:00:00.000Z', reason: 'plan-completed', type: 'work', statusAtDischarge: null },
      satisfaction: 5,
      erased: false,
      codeLists: [
        'age-band@2024.1',
        'checkpoint@2024.1',
        'disability@2024.1',
        'discharge-reason@2024.1',
        'employment-status@2024.1',
        'ethnicity@ons-2021',
        'health-condition@2024.1',
        'imd-decile@iod-2019',
        'onward-service@2024.1',
        'outcome-employment-status@2024.1',
        'plan-type@2024.1',
        'referral-source@2025.1',
        'sex@2024.1',
        'triage-decision@2024.1',
      ],
      asOf: '2026-04-27T09:00:00.000Z',
      lastPosition: 16,
      lastVersion: 16,
    });
  });
});

describe('outcome records as known at a time', () => {
  const lateOutcome = storedEvents({
    participantId: PARTICIPANT_ID,
    commands: [...started(), recordedAt(at12Weeks('returned-to-work'), day(130))],
  });
  const twelveWeeks = (events: typeof lateOutcome, asOf?: string) =>
    outcomeRecords(events, asOf === undefined ? {} : { asOf })[0].checkpoints[0];

  it('leaves out an outcome recorded after the cut, even though it was observed before', () => {
    expect(twelveWeeks(knownAt(lateOutcome, day(129)), day(129))).toMatchObject({ status: null, observedAt: null });
    expect(outcomeRecords(knownAt(lateOutcome, day(129)))[0].firstWorkOutcome).toBeNull();
    expect(twelveWeeks(lateOutcome)).toMatchObject({
      status: 'returned-to-work',
      observedAt: day(94),
      recordedAt: day(130),
      lostToFollowUp: false,
    });
  });

  it('counts a checkpoint lost to follow-up only when more than 4 weeks overdue with nothing recorded', () => {
    const before = knownAt(lateOutcome, day(129));
    // Due Thursday 5 June 2025: 28 days overdue on 3 July, 29 on 4 July.
    expect(twelveWeeks(before, '2025-07-03T22:59:00Z').lostToFollowUp).toBe(false);
    expect(twelveWeeks(before, '2025-07-03T23:00:00Z').lostToFollowUp).toBe(true);
    expect(twelveWeeks(lateOutcome, day(400)).lostToFollowUp).toBe(false);
  });

  it('judges as of the latest recording it was given when no as-of is said', () => {
    expect(outcomeRecords(knownAt(lateOutcome, day(129)))[0].asOf).toBe(day(10 + 1 / 1440));
    expect(outcomeRecords(lateOutcome)[0].asOf).toBe(day(130));
  });

  it('counts could-not-be-reached as lost to follow-up', () => {
    const record = recordOf([...started(), commands.outcome({ result: { reached: false, attempts: 3 } })], { asOf: day(100) });
    expect(record.checkpoints[0]).toMatchObject({ status: 'not-reached', hoursPerWeek: null, lostToFollowUp: true });
  });
});

describe('corrections', () => {
  // 8: a wrong 12-week outcome; 9: its correction; 10: the right one, recorded after the correction.
  const events = storedEvents({
    participantId: PARTICIPANT_ID,
    commands: [
      ...started(),
      at12Weeks('off-sick'),
      commands.correct({ occurredAt: day(96), correctedVersion: 8, correctedType: 'OutcomeRecorded' }),
      recordedAt(at12Weeks('returned-to-work'), day(96.5)),
    ],
  });

  it('replaces a corrected outcome by the correction successor', () => {
    const [record] = outcomeRecords(events);
    expect(record.checkpoints[0]).toMatchObject({ status: 'returned-to-work', recordedAt: day(96.5) });
    expect(record.firstWorkOutcome).toMatchObject({ status: 'returned-to-work', daysFromStart: 84 });
    expect([record.lastPosition, record.lastVersion]).toEqual([10, 10]);
  });

  it('shows the original before the correction, and nothing between the correction and its successor', () => {
    expect(outcomeRecords(knownAt(events, day(95)))[0].checkpoints[0].status).toBe('off-sick');
    expect(outcomeRecords(knownAt(events, day(95)))[0].firstWorkOutcome).toBeNull();
    expect(outcomeRecords(knownAt(events, day(96.2)))[0].checkpoints[0].status).toBeNull();
  });

  it('takes the first plan that was not retracted as the start', () => {
    const record = recordOf([
      ...started(),
      commands.correct({ occurredAt: day(11), correctedVersion: 7, correctedType: 'ActionPlanAgreed' }),
      commands.agreePlan({ occurredAt: day(12), planId: 'plan-2', signedByParticipantOn: '2025-03-15' }),
    ]);
    expect(record).toMatchObject({ startedAt: day(12), signedPlanOn: '2025-03-15', startMonth: '2025-03' });
    expect(record.checkpoints[0].dueOn).toBe('2025-06-07');
  });

  it('lets a correction of an earlier episode count in that episode last position', () => {
    const script = [
      commands.refer(),
      commands.contact(),
      commands.triage({ decision: coded(lists.TRIAGE_DECISIONS, 'redirected') }),
      commands.refer({ occurredAt: day(20) }),
      commands.correct({ occurredAt: day(21), correctedVersion: 2, correctedType: 'ContactAttempted' }),
    ];
    const [first, second] = outcomeRecords(storedEvents({ participantId: PARTICIPANT_ID, commands: script }));
    expect([first.firstContactAt, first.lastVersion, second.lastVersion]).toEqual([null, 5, 5]);
  });
});
