import { NATIONAL_SURVEY_SCHEDULE } from '../calendar/follow-up.schedule';
import { coded } from '../code-lists/code-list.types';
import { CHECKPOINTS } from '../code-lists/outcome.code-lists';
import { participantKeyId } from '../personal-data/sealed.personal-data';
import { given } from '../../testing/given-when-then';
import { assessed, commands, day, eventsOf, PARTICIPANT_ID, referred, started } from '../../testing/journey.fixtures';

const checkpoint = (code: (typeof CHECKPOINTS.codes)[number]) => coded(CHECKPOINTS, code);
const notReached = { reached: false as const, attempts: 3 };

describe('outcomes, exit, correction and erasure', () => {
  describe('outcomes', () => {
    it('are recorded after the start, even weeks late', () => {
      const outcome = commands.outcome({}, { now: day(130) });
      given(...eventsOf(...started()))
        .when(outcome)
        .then([{ type: 'OutcomeRecorded', data: outcome.data }]);
    });

    it('may say the participant could not be reached', () => {
      const outcome = commands.outcome({ result: notReached });
      given(...eventsOf(...started()))
        .when(outcome)
        .then([{ type: 'OutcomeRecorded', data: outcome.data }]);
    });

    it('are refused before a start or a discharge', () => {
      given(...eventsOf(...assessed()))
        .when(commands.outcome())
        .then('OUTCOME_BEFORE_START');
    });

    it('are refused when dated before the start', () => {
      given(...eventsOf(...started()))
        .when(commands.outcome({ occurredAt: day(9) }))
        .then('OUTCOME_BEFORE_START');
    });

    it('follow a discharge without a start', () => {
      const outcome = commands.outcome({ checkpoint: checkpoint('discharge'), occurredAt: day(20) });
      given(...eventsOf(...assessed(), commands.discharge({ occurredAt: day(20) })))
        .when(outcome)
        .then([{ type: 'OutcomeRecorded', data: outcome.data }]);
    });

    it('at discharge need the discharge first', () => {
      given(...eventsOf(...started()))
        .when(commands.outcome({ checkpoint: checkpoint('discharge') }))
        .then('DISCHARGE_CHECKPOINT_NEEDS_DISCHARGE');
    });

    it('are recorded once per checkpoint', () => {
      given(...eventsOf(...started(), commands.outcome()))
        .when(commands.outcome({ occurredAt: day(95) }))
        .then('CHECKPOINT_ALREADY_RECORDED');
    });

    it('may be recorded again once the earlier one was corrected', () => {
      const history = eventsOf(
        ...started(),
        commands.outcome(),
        commands.correct({ correctedVersion: 8, correctedType: 'OutcomeRecorded', occurredAt: day(95) }),
      );
      const again = commands.outcome({ occurredAt: day(95) });
      given(...history)
        .when(again)
        .then([{ type: 'OutcomeRecorded', data: again.data }]);
    });

    it('at "other" checkpoints may repeat', () => {
      const other = commands.outcome({ checkpoint: checkpoint('other'), occurredAt: day(60) });
      given(...eventsOf(...started(), other))
        .when(commands.outcome({ checkpoint: checkpoint('other'), occurredAt: day(70) }))
        .events();
    });

    it('follow the site schedule: a six-month checkpoint only where the site has one', () => {
      given(...eventsOf(...started()))
        .when(commands.outcome({ checkpoint: checkpoint('6-months'), occurredAt: day(190) }))
        .then('CHECKPOINT_NOT_IN_SCHEDULE');
      const survey = commands.outcome(
        { checkpoint: checkpoint('6-months'), occurredAt: day(190) },
        { siteSchedule: NATIONAL_SURVEY_SCHEDULE },
      );
      given(...eventsOf(...started()))
        .when(survey)
        .then([{ type: 'OutcomeRecorded', data: survey.data }]);
      given(...eventsOf(...started()))
        .when(commands.outcome({}, { siteSchedule: NATIONAL_SURVEY_SCHEDULE }))
        .then('CHECKPOINT_NOT_IN_SCHEDULE');
    });
  });

  describe('discharge and re-engagement', () => {
    it('discharges an open journey', () => {
      const discharge = commands.discharge();
      given(...eventsOf(...started()))
        .when(discharge)
        .then([{ type: 'ParticipantDischarged', data: discharge.data }]);
    });

    it('discharges only while open', () => {
      given(...eventsOf(...started(), commands.discharge()))
        .when(commands.discharge({ occurredAt: day(101) }))
        .then('JOURNEY_NOT_OPEN');
    });

    it('re-engages only a discharged participant', () => {
      given(...eventsOf(...started()))
        .when(commands.reEngage())
        .then('NOT_DISCHARGED');
    });

    it('re-engages no earlier than the discharge', () => {
      given(...eventsOf(...started(), commands.discharge()))
        .when(commands.reEngage({ occurredAt: day(99) }))
        .then('REENGAGED_BEFORE_DISCHARGE');
    });

    it('re-engagement reopens the journey for coaching, and a later discharge has its own discharge outcome', () => {
      const history = eventsOf(
        ...started(),
        commands.discharge(),
        commands.outcome({ checkpoint: checkpoint('discharge'), occurredAt: day(100) }),
        commands.reEngage(),
        commands.session({ occurredAt: day(121) }),
        commands.discharge({ occurredAt: day(150) }),
      );
      given(...history)
        .when(commands.outcome({ checkpoint: checkpoint('discharge'), occurredAt: day(150) }))
        .events();
    });
  });

  describe('corrections', () => {
    it('retract an earlier event by its version; the original stays', () => {
      const correction = commands.correct({ correctedVersion: 7, correctedType: 'ActionPlanAgreed', occurredAt: day(12) });
      given(...eventsOf(...started()))
        .when(correction)
        .then([{ type: 'EventCorrected', data: correction.data }]);
    });

    it('point at an event that exists', () => {
      given(...eventsOf(...started()))
        .when(commands.correct({ correctedVersion: 99, correctedType: 'OutcomeRecorded' }))
        .then('CORRECTED_EVENT_NOT_FOUND');
    });

    it('name the type of the event they correct', () => {
      given(...eventsOf(...started()))
        .when(commands.correct({ correctedVersion: 7, correctedType: 'OutcomeRecorded' }))
        .then('CORRECTED_EVENT_MISMATCH');
    });

    it.each([
      ['the referral', 1, 'ParticipantReferred'],
      ['a sharing record', 8, 'DataShared'],
      ['a correction', 9, 'EventCorrected'],
    ] as const)('cannot retract %s', (_what, correctedVersion, correctedType) => {
      const history = eventsOf(
        ...started(),
        commands.share({ occurredAt: day(11) }),
        commands.correct({ correctedVersion: 2, correctedType: 'ContactAttempted', occurredAt: day(12) }),
      );
      given(...history)
        .when(commands.correct({ correctedVersion, correctedType, occurredAt: day(13) }))
        .then('NOT_CORRECTABLE');
    });

    it('retract an event once', () => {
      const history = eventsOf(
        ...started(),
        commands.correct({ correctedVersion: 2, correctedType: 'ContactAttempted', occurredAt: day(12) }),
      );
      given(...history)
        .when(commands.correct({ correctedVersion: 2, correctedType: 'ContactAttempted', occurredAt: day(13) }))
        .then('ALREADY_CORRECTED');
    });

    it('of the start plan leave no start, so outcomes wait for a new plan', () => {
      const history = eventsOf(
        ...started(),
        commands.correct({ correctedVersion: 7, correctedType: 'ActionPlanAgreed', occurredAt: day(12) }),
      );
      given(...history)
        .when(commands.outcome())
        .then('OUTCOME_BEFORE_START');
    });

    it('of a consent make it as if never given', () => {
      const history = eventsOf(...assessed(), commands.correct({ correctedVersion: 5, correctedType: 'ConsentGiven', occurredAt: day(4) }));
      given(...history)
        .when(commands.assess({ occurredAt: day(5) }))
        .then('PARTICIPATION_CONSENT_REQUIRED');
    });

    it('of a triage let the referral be triaged again', () => {
      const history = eventsOf(
        ...started(),
        commands.correct({ correctedVersion: 3, correctedType: 'ReferralTriaged', occurredAt: day(12) }),
      );
      given(...history)
        .when(commands.triage({ occurredAt: day(12) }))
        .events();
    });

    it('of a discharge reopen the journey', () => {
      const history = eventsOf(
        ...started(),
        commands.discharge({ occurredAt: day(20) }),
        commands.correct({ correctedVersion: 8, correctedType: 'ParticipantDischarged', occurredAt: day(21) }),
      );
      given(...history)
        .when(commands.session({ occurredAt: day(22) }))
        .events();
    });
  });

  describe('erasure', () => {
    it('names the data key to destroy', () => {
      const erase = commands.erase();
      given(...eventsOf(...started()))
        .when(erase)
        .then([{ type: 'ParticipantErased', data: { ...erase.data, keyId: participantKeyId(PARTICIPANT_ID) } }]);
    });

    it.each(Object.entries(commands))('refuses %s after erasure (PARTICIPANT_ERASED)', (_name, build) => {
      given(...eventsOf(...referred(), commands.erase({ occurredAt: day(1) })))
        .when(build({ occurredAt: day(300) }))
        .then('PARTICIPANT_ERASED');
    });

    it('refuses even a malformed command after erasure', () => {
      given(...eventsOf(...referred(), commands.erase({ occurredAt: day(1) })))
        .when(commands.session({ durationMinutes: -1 }))
        .then('PARTICIPANT_ERASED');
    });
  });
});
