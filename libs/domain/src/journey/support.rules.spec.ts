import { coded } from '../code-lists/code-list.types';
import { CONSENT_SCOPES, CONSENT_METHODS } from '../code-lists/sharing.code-lists';
import { GOAL_STATUSES, TRIAGE_DECISIONS } from '../code-lists/support.code-lists';
import { given } from '../../testing/given-when-then';
import { accepted, assessed, commands, consentTo, day, eventsOf, referred, started } from '../../testing/journey.fixtures';

describe('assessment, plans and support', () => {
  describe('assessment', () => {
    it('is recorded after an accepted triage with programme consent in force', () => {
      const assess = commands.assess();
      given(...eventsOf(...accepted(), commands.giveConsent()))
        .when(assess)
        .then([{ type: 'AssessmentCompleted', data: assess.data }]);
    });

    it('needs an accepted triage', () => {
      given(...eventsOf(...referred(), commands.giveConsent()))
        .when(commands.assess())
        .then('TRIAGE_NOT_ACCEPTED');
    });

    it('is refused after a not-eligible triage', () => {
      const history = eventsOf(
        ...referred(),
        commands.triage({ decision: coded(TRIAGE_DECISIONS, 'not-eligible'), assignedCoachId: null }),
        commands.giveConsent(),
      );
      given(...history)
        .when(commands.assess())
        .then('TRIAGE_NOT_ACCEPTED');
    });

    it('needs programme-participation consent', () => {
      given(...eventsOf(...accepted()))
        .when(commands.assess())
        .then('PARTICIPATION_CONSENT_REQUIRED');
    });

    it('needs that consent in force at the time of the assessment, not merely recorded', () => {
      given(...eventsOf(...accepted(), consentTo('programme-participation', day(5))))
        .when(commands.assess({ occurredAt: day(4) }))
        .then('PARTICIPATION_CONSENT_REQUIRED');
    });

    it('is refused once programme consent was withdrawn', () => {
      const withdrawn = commands.withdrawConsent({
        scope: coded(CONSENT_SCOPES, 'programme-participation'),
        method: coded(CONSENT_METHODS, 'verbal'),
        occurredAt: day(3.05),
      });
      given(...eventsOf(...accepted(), commands.giveConsent(), withdrawn))
        .when(commands.assess())
        .then('PARTICIPATION_CONSENT_REQUIRED');
    });

    it('is refused after discharge', () => {
      given(...eventsOf(...accepted(), commands.giveConsent(), commands.discharge({ occurredAt: day(3.05) })))
        .when(commands.assess())
        .then('JOURNEY_CLOSED');
    });
  });

  describe('action plan', () => {
    it('is agreed after an assessment', () => {
      const plan = commands.agreePlan();
      given(...eventsOf(...assessed()))
        .when(plan)
        .then([{ type: 'ActionPlanAgreed', data: plan.data }]);
    });

    it('needs an assessment first', () => {
      given(...eventsOf(...accepted(), commands.giveConsent()))
        .when(commands.agreePlan())
        .then('ASSESSMENT_REQUIRED');
    });

    it('is agreed once per plan id', () => {
      given(...eventsOf(...started()))
        .when(commands.agreePlan({ occurredAt: day(12) }))
        .then('PLAN_ALREADY_AGREED');
    });

    it('cannot be signed before the referral', () => {
      given(...eventsOf(...assessed()))
        .when(commands.agreePlan({ signedByParticipantOn: '2025-03-01' }))
        .then('OCCURRED_BEFORE_REFERRAL');
    });

    it('is reviewed when it exists', () => {
      const review = commands.reviewPlan();
      given(...eventsOf(...started()))
        .when(review)
        .then([{ type: 'ActionPlanReviewed', data: review.data }]);
    });

    it('cannot be reviewed when it was never agreed', () => {
      given(...eventsOf(...started()))
        .when(commands.reviewPlan({ planId: 'plan-9' }))
        .then('PLAN_NOT_FOUND');
    });

    it('cannot be reviewed before it was agreed', () => {
      given(...eventsOf(...started()))
        .when(commands.reviewPlan({ occurredAt: day(9) }))
        .then('REVIEW_BEFORE_PLAN');
    });

    it('reviews only the goals it set', () => {
      const review = commands.reviewPlan({ goalStatuses: [{ goalId: 'goal-7', status: coded(GOAL_STATUSES, 'achieved') }] });
      given(...eventsOf(...started()))
        .when(review)
        .then('UNKNOWN_GOAL');
    });
  });

  describe('coaching and onward referral outcomes', () => {
    it('records a coaching session on an accepted referral', () => {
      const session = commands.session();
      given(...eventsOf(...started()))
        .when(session)
        .then([{ type: 'CoachingSessionHeld', data: session.data }]);
    });

    it('refuses a coaching session before triage', () => {
      given(...eventsOf(...referred()))
        .when(commands.session())
        .then('TRIAGE_NOT_ACCEPTED');
    });

    it('refuses a coaching session after discharge', () => {
      given(...eventsOf(...started(), commands.discharge({ occurredAt: day(15) })))
        .when(commands.session())
        .then('JOURNEY_CLOSED');
    });

    it('records an onward referral outcome, even after discharge', () => {
      const history = eventsOf(
        ...started(),
        consentTo('share-with-onward-service', day(11)),
        commands.onwardReferral(),
        commands.discharge({ occurredAt: day(30) }),
      );
      const outcome = commands.onwardOutcome();
      given(...history)
        .when(outcome)
        .then([{ type: 'OnwardReferralOutcomeRecorded', data: outcome.data }]);
    });

    it('refuses an outcome for an onward referral never made', () => {
      given(...eventsOf(...started()))
        .when(commands.onwardOutcome())
        .then('ONWARD_REFERRAL_NOT_FOUND');
    });
  });
});
