import {
  checkpointDueDates,
  type FollowUpFacts,
  firstContactDueOn,
  followUpsAsOf,
  NATIONAL_SURVEY_SCHEDULE,
  overdueAsOf,
  signedPlanDueOn,
  type SiteSchedule,
} from './follow-up.schedule';

const referredOnFriday = '2025-04-11T15:00:00Z';
const facts = (overrides: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  referredAt: referredOnFriday,
  firstContactAt: null,
  signedPlanOn: null,
  startedAt: null,
  recordedCheckpoints: {},
  closedWithoutStart: false,
  ...overrides,
});

describe('follow-up schedule', () => {
  it('wants first contact within 2 working days and a signed plan within 20', () => {
    expect(firstContactDueOn(referredOnFriday)).toBe('2025-04-15');
    // Good Friday and Easter Monday fall inside the 20 days.
    expect(signedPlanDueOn(referredOnFriday)).toBe('2025-05-14');
  });

  it('puts checkpoints at 12, 26 and 52 weeks after the start by default', () => {
    expect(checkpointDueDates('2025-05-01T10:00:00Z')).toEqual([
      { checkpoint: '12-weeks', dueOn: '2025-07-24' },
      { checkpoint: '26-weeks', dueOn: '2025-10-30' },
      { checkpoint: '52-weeks', dueOn: '2026-04-30' },
    ]);
  });

  it('follows the site schedule: six months for a national-survey site, or an added checkpoint', () => {
    expect(checkpointDueDates('2025-08-31T10:00:00Z', NATIONAL_SURVEY_SCHEDULE)).toEqual([{ checkpoint: '6-months', dueOn: '2026-02-28' }]);
    const withSixMonths: SiteSchedule = {
      checkpoints: [
        { checkpoint: '12-weeks', after: { weeks: 12 } },
        { checkpoint: '6-months', after: { months: 6 } },
      ],
    };
    expect(checkpointDueDates('2025-05-01T10:00:00Z', withSixMonths).map((c) => c.dueOn)).toEqual(['2025-07-24', '2025-11-01']);
  });

  it('flags first contact overdue the day after it was due', () => {
    expect(overdueAsOf(facts(), '2025-04-15')).toEqual([]);
    expect(overdueAsOf(facts(), '2025-04-16')).toEqual([
      { kind: 'first-contact', checkpoint: null, dueOn: '2025-04-15', status: 'overdue', daysOverdue: 1, lostToFollowUp: false },
    ]);
  });

  it('tells met from met late', () => {
    const [contact] = followUpsAsOf(facts({ firstContactAt: '2025-04-16T09:00:00Z' }), '2025-06-01');
    expect(contact.status).toBe('met-late');
    expect(followUpsAsOf(facts({ firstContactAt: '2025-04-14T09:00:00Z' }), '2025-06-01')[0].status).toBe('met');
  });

  it('flags missing checkpoints, and lost to follow-up after four weeks', () => {
    const started = facts({
      firstContactAt: '2025-04-14T09:00:00Z',
      signedPlanOn: '2025-04-30',
      startedAt: '2025-05-01T10:00:00Z',
      recordedCheckpoints: { '12-weeks': 'reached' },
    });
    expect(overdueAsOf(started, '2025-10-30')).toEqual([]);
    const late = overdueAsOf(started, '2025-11-28');
    expect(late).toEqual([
      { kind: 'outcome', checkpoint: '26-weeks', dueOn: '2025-10-30', status: 'overdue', daysOverdue: 29, lostToFollowUp: true },
    ]);
  });

  it('counts a could-not-be-reached checkpoint as lost to follow-up', () => {
    const started = facts({ startedAt: '2025-05-01T10:00:00Z', recordedCheckpoints: { '12-weeks': 'not-reached' } });
    expect(followUpsAsOf(started, '2025-08-01').find((item) => item.checkpoint === '12-weeks')).toMatchObject({
      status: 'met',
      lostToFollowUp: true,
    });
  });

  it('owes nothing more once a referral closed without a start', () => {
    expect(followUpsAsOf(facts({ closedWithoutStart: true }), '2025-06-01')).toEqual([]);
  });
});
