import { coded } from '../code-lists/code-list.types';
import { CONTACT_OUTCOMES, TRIAGE_DECISIONS } from '../code-lists/support.code-lists';
import { given } from '../../testing/given-when-then';
import { accepted, commands, day, eventsOf, referred, REFERRED_AT } from '../../testing/journey.fixtures';

describe('referral, triage and first contact', () => {
  it('records a referral on an empty stream', () => {
    const refer = commands.refer();
    given()
      .when(refer)
      .then([{ type: 'ParticipantReferred', data: refer.data }]);
  });

  it('refuses a second referral while the first is open', () => {
    given(...eventsOf(...referred()))
      .when(commands.refer({ occurredAt: day(1) }))
      .then('ALREADY_REFERRED');
  });

  it('accepts a re-referral after the referral was closed at triage', () => {
    const history = eventsOf(commands.refer(), commands.triage({ decision: coded(TRIAGE_DECISIONS, 'redirected'), assignedCoachId: null }));
    given(...history)
      .when(commands.refer({ occurredAt: day(40) }))
      .then([{ type: 'ParticipantReferred', data: commands.refer({ occurredAt: day(40) }).data }]);
  });

  it('accepts a re-referral after discharge, and the new referral can be triaged again', () => {
    const history = eventsOf(...accepted(), commands.discharge({ occurredAt: day(5) }), commands.refer({ occurredAt: day(60) }));
    given(...history)
      .when(commands.triage({ occurredAt: day(61) }))
      .then([{ type: 'ReferralTriaged', data: commands.triage({ occurredAt: day(61) }).data }]);
  });

  it('refuses a re-referral dated before the previous referral was closed', () => {
    const history = eventsOf(...accepted(), commands.discharge({ occurredAt: day(30) }));
    given(...history)
      .when(commands.refer({ occurredAt: day(20) }))
      .then('REFERRED_BEFORE_PREVIOUS_CLOSED');
  });

  it.each([
    ['a triage', () => commands.triage()],
    ['a contact attempt', () => commands.contact()],
    ['a first appointment', () => commands.firstAppointment()],
    ['a consent', () => commands.giveConsent()],
    ['an assessment', () => commands.assess()],
    ['a coaching session', () => commands.session()],
    ['an outcome', () => commands.outcome()],
    ['a discharge', () => commands.discharge()],
    ['a sharing', () => commands.share()],
    ['an erasure', () => commands.erase()],
  ])('refuses %s before any referral (NOT_REFERRED)', (_what, command) => {
    given().when(command()).then('NOT_REFERRED');
  });

  it('refuses anything dated before the referral', () => {
    given(...eventsOf(...referred()))
      .when(commands.contact({ occurredAt: '2025-03-02T09:00:00Z' }))
      .then('OCCURRED_BEFORE_REFERRAL');
  });

  it('refuses a triage dated before a re-referral it belongs to', () => {
    const history = eventsOf(
      commands.refer(),
      commands.triage({ decision: coded(TRIAGE_DECISIONS, 'not-eligible'), assignedCoachId: null }),
      commands.refer({ occurredAt: day(40) }),
    );
    given(...history)
      .when(commands.triage({ occurredAt: day(39) }))
      .then('OCCURRED_BEFORE_REFERRAL');
  });

  it('triages a referral only once', () => {
    given(...eventsOf(...accepted()))
      .when(commands.triage({ occurredAt: day(2) }))
      .then('ALREADY_TRIAGED');
  });

  it('refuses to accept a referral with a "no" eligibility answer', () => {
    const eligibility = {
      workingAge: false,
      healthConditionOrDisability: true,
      inWorkOrRecentlyOutOfWork: true,
      livesOrRegisteredWithGpInArea: true,
    };
    given(...eventsOf(...referred()))
      .when(commands.triage({ eligibility }))
      .then('ELIGIBILITY_NOT_MET');
  });

  it('records a not-eligible triage whatever the answers', () => {
    const eligibility = {
      workingAge: false,
      healthConditionOrDisability: true,
      inWorkOrRecentlyOutOfWork: true,
      livesOrRegisteredWithGpInArea: true,
    };
    const triage = commands.triage({ decision: coded(TRIAGE_DECISIONS, 'not-eligible'), eligibility, assignedCoachId: null });
    given(...eventsOf(...referred()))
      .when(triage)
      .then([{ type: 'ReferralTriaged', data: triage.data }]);
  });

  it('records contact attempts before triage', () => {
    const contact = commands.contact({ outcome: coded(CONTACT_OUTCOMES, 'no-answer') });
    given(...eventsOf(...referred()))
      .when(contact)
      .then([{ type: 'ContactAttempted', data: contact.data }]);
  });

  it('refuses contact attempts once the referral was closed at triage', () => {
    const history = eventsOf(commands.refer(), commands.triage({ decision: coded(TRIAGE_DECISIONS, 'redirected'), assignedCoachId: null }));
    given(...history)
      .when(commands.contact({ occurredAt: day(2) }))
      .then('JOURNEY_CLOSED');
  });

  it('holds the first appointment only after an accepted triage', () => {
    given(...eventsOf(...referred()))
      .when(commands.firstAppointment())
      .then('TRIAGE_NOT_ACCEPTED');
  });

  it('holds the first appointment once', () => {
    given(...eventsOf(...accepted(), commands.firstAppointment()))
      .when(commands.firstAppointment({ occurredAt: day(4) }))
      .then('FIRST_APPOINTMENT_ALREADY_HELD');
  });

  it('takes a referral time from the command, not from the clock', () => {
    const events = given().when(commands.refer()).events();
    expect(events[0].data.occurredAt).toBe(REFERRED_AT);
  });
});
