import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { toMillis } from '../shared/iso-time.values';
import { isConsentActiveAt } from './consent.rules';
import type {
  AgreeActionPlan,
  CompleteAssessment,
  RecordCoachingSession,
  RecordOnwardReferralOutcome,
  ReviewActionPlan,
} from './journey.commands';
import type { JourneyEvent } from './journey.events';
import { refuse, requireActive, requireReferral } from './journey.guards';
import type { Journey } from './journey.state';

/** Assessing someone's health is taking part, which rests on their consent to the programme at that moment. */
export const completeAssessment = (command: CompleteAssessment, journey: Journey): JourneyEvent[] => {
  requireActive(journey, 'assessment');
  if (!isConsentActiveAt(journey, 'programme-participation', toMillis(command.data.occurredAt))) {
    refuse(
      'PARTICIPATION_CONSENT_REQUIRED',
      'The participant had not consented to take part in the programme at the time of this assessment: record their consent first.',
    );
  }
  return [{ type: 'AssessmentCompleted', data: command.data }];
};

/** The first plan agreed is the participant's start, so it needs an assessment behind it. */
export const agreeActionPlan = (command: AgreeActionPlan, journey: Journey): JourneyEvent[] => {
  const episode = requireActive(journey, 'action plan');
  if (!episode.assessed)
    refuse('ASSESSMENT_REQUIRED', 'An action plan can only be agreed after the work and health assessment: record the assessment first.');
  if (episode.plans.some((plan) => plan.planId === command.data.planId)) {
    refuse('PLAN_ALREADY_AGREED', 'This action plan has already been agreed: record changes to it as a review.');
  }
  if (command.data.signedByParticipantOn < londonDateOf(episode.referredAt)) {
    refuse('OCCURRED_BEFORE_REFERRAL', 'The plan cannot have been signed before the participant was referred.');
  }
  return [{ type: 'ActionPlanAgreed', data: command.data }];
};

export const reviewActionPlan = (command: ReviewActionPlan, journey: Journey): JourneyEvent[] => {
  const episode = requireActive(journey, 'plan review');
  const plan = episode.plans.find((candidate) => candidate.planId === command.data.planId);
  if (plan === undefined) return refuse('PLAN_NOT_FOUND', 'There is no agreed action plan with this id for the participant.');
  if (toMillis(command.data.occurredAt) < toMillis(plan.occurredAt))
    refuse('REVIEW_BEFORE_PLAN', 'A plan cannot be reviewed before it was agreed.');
  const unknown = command.data.goalStatuses.find((goal) => !plan.goalIds.includes(goal.goalId));
  if (unknown !== undefined) refuse('UNKNOWN_GOAL', `The plan has no goal "${unknown.goalId}": goals are set when the plan is agreed.`);
  return [{ type: 'ActionPlanReviewed', data: command.data }];
};

export const recordCoachingSession = (command: RecordCoachingSession, journey: Journey): JourneyEvent[] => {
  requireActive(journey, 'coaching session');
  return [{ type: 'CoachingSessionHeld', data: command.data }];
};

/** Services answer late, often after discharge, so only the referral itself must exist. */
export const recordOnwardReferralOutcome = (command: RecordOnwardReferralOutcome, journey: Journey): JourneyEvent[] => {
  const episode = requireReferral(journey);
  if (!episode.onwardReferralIds.includes(command.data.onwardReferralId)) {
    refuse('ONWARD_REFERRAL_NOT_FOUND', 'There is no onward referral with this id for the participant.');
  }
  return [{ type: 'OnwardReferralOutcomeRecorded', data: command.data }];
};
