import { NATIONAL_SURVEY_SCHEDULE } from '../calendar/follow-up.schedule';
import { coded } from '../code-lists/code-list.types';
import * as lists from '../code-lists';
import { commands, day, PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { sitesWithSchedules } from '../../testing/site.fixtures';
import { outcomeRecords } from './outcome-record.report';
import { at12Weeks, at26Weeks, reachedWith, recordOf, storedEvents } from '../../testing/reporting.fixtures';

describe('episodes', () => {
  it('opens a new episode for a re-referral after the referral was closed at triage', () => {
    const records = outcomeRecords(
      storedEvents({
        participantId: PARTICIPANT_ID,
        commands: [
          commands.refer(),
          commands.contact(),
          commands.triage({
            decision: coded(lists.TRIAGE_DECISIONS, 'not-eligible'),
            eligibility: {
              workingAge: false,
              healthConditionOrDisability: true,
              inWorkOrRecentlyOutOfWork: true,
              livesOrRegisteredWithGpInArea: true,
            },
          }),
          commands.refer({ occurredAt: day(20), siteId: 'site-02', referralSource: coded(lists.REFERRAL_SOURCES, 'self') }),
          commands.contact({ occurredAt: day(20.5) }),
          commands.triage({ occurredAt: day(21) }),
          commands.firstAppointment({ occurredAt: day(22) }),
          commands.giveConsent({ occurredAt: day(22) }),
          commands.assess({ occurredAt: day(22.1) }),
          commands.agreePlan({ occurredAt: day(25), signedByParticipantOn: '2025-03-28' }),
        ],
      }),
      { asOf: day(60) },
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      episode: 1,
      siteId: 'site-01',
      triageDecision: 'not-eligible',
      firstContactWithin2WorkingDays: true,
      startedAt: null,
      signedPlanWithin20WorkingDays: null,
      exit: null,
      lastVersion: 3,
    });
    expect(records[0].checkpoints.map((checkpoint) => checkpoint.dueOn)).toEqual([null, null, null]);
    // Referred on Sunday 23 March: contact that evening is within 2 working days.
    expect(records[1]).toMatchObject({
      episode: 2,
      siteId: 'site-02',
      referralSource: 'self',
      referredAt: day(20),
      firstContactWithin2WorkingDays: true,
      startedAt: day(25),
      lastVersion: 10,
    });
  });

  it('misses the standards once they are overdue on an open referral', () => {
    const record = recordOf([commands.refer()], { asOf: day(40) });
    expect([record.firstContactWithin2WorkingDays, record.signedPlanWithin20WorkingDays, record.triageDecision]).toEqual([
      false,
      false,
      'pending',
    ]);
    expect(recordOf([commands.refer()], { asOf: day(1) }).firstContactWithin2WorkingDays).toBeNull();
  });
});

describe('sustained and exits', () => {
  it('needs in work at both 12 and 26 weeks to be sustained', () => {
    expect(recordOf([...started(), at12Weeks('returned-to-work'), at26Weeks('off-sick')]).sustained).toBe(false);
    expect(recordOf([...started(), at12Weeks('unemployed-seeking'), at26Weeks('new-employment')]).sustained).toBe(false);
    expect(recordOf([...started(), at12Weeks('returned-to-work'), at26Weeks('new-employment')]).sustained).toBe(true);
    expect(recordOf([...started(), at12Weeks('returned-to-work')]).sustained).toBe(false);
  });

  it('follows the site schedule, where sustained cannot be measured without 12 and 26 weeks', () => {
    const record = recordOf(started(), { sites: sitesWithSchedules({ 'site-01': NATIONAL_SURVEY_SCHEDULE }) });
    expect(record.checkpoints.map((checkpoint) => [checkpoint.checkpoint, checkpoint.dueOn])).toEqual([['6-months', '2025-09-13']]);
    expect(record.sustained).toBeNull();
  });

  it('reports the last discharge after a re-engagement, with its rating and discharge outcome', () => {
    const disengaged = commands.discharge({
      occurredAt: day(40),
      reason: coded(lists.DISCHARGE_REASONS, 'disengaged'),
      satisfaction: null,
    });
    const reEngaged = [...started(), disengaged, commands.reEngage({ occurredAt: day(50) })];
    expect(recordOf(reEngaged)).toMatchObject({ exit: null, satisfaction: null });
    const record = recordOf([
      ...reEngaged,
      commands.discharge({ occurredAt: day(70), satisfaction: 4 }),
      commands.outcome({
        occurredAt: day(70.1),
        checkpoint: coded(lists.CHECKPOINTS, 'discharge'),
        result: { reached: false, attempts: 2 },
      }),
    ]);
    expect(record).toMatchObject({
      exit: { dischargedAt: day(70), reason: 'plan-completed', type: 'other', statusAtDischarge: 'not-reached' },
      satisfaction: 4,
    });
  });

  it('calls an exit competing by its reason unless work came first', () => {
    const withdrew = commands.discharge({ occurredAt: day(40), reason: coded(lists.DISCHARGE_REASONS, 'withdrew'), satisfaction: null });
    expect(recordOf([...started(), withdrew]).exit?.type).toBe('withdrew');
    const inWorkAtDischarge = commands.outcome({
      occurredAt: day(40),
      checkpoint: coded(lists.CHECKPOINTS, 'discharge'),
      result: reachedWith('new-employment'),
    });
    expect(recordOf([...started(), withdrew, inWorkAtDischarge]).exit).toMatchObject({ type: 'work', statusAtDischarge: 'new-employment' });
  });

  it('keeps the record of an erased participant, flagged', () => {
    expect(recordOf([...started(), commands.erase()])).toMatchObject({ erased: true, startedAt: day(10) });
  });
});
