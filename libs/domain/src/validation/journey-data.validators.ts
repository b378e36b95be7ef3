import * as lists from '../code-lists';
import type { ActionPlanAgreedData } from '../journey/support.events';
import type { ReferralTriagedData } from '../journey/referral.events';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import {
  array,
  boolean,
  coded,
  date,
  fail,
  identifier,
  integer,
  object,
  occurredAt,
  refine,
  sealed,
  unique,
  type Validator,
} from './field.validators';
import { measure } from './measure.validators';

const codes = (list: lists.CodeList, max = 20) => array(coded(list), { max });

export const referParticipantData: Validator = object(
  {
    occurredAt,
    siteId: identifier,
    referralSource: coded(lists.REFERRAL_SOURCES),
    employmentAtReferral: object({ status: coded(lists.EMPLOYMENT_STATUSES), fitNoteHeld: boolean }),
    contactPreference: coded(lists.CONTACT_PREFERENCES),
    personalDetails: sealed,
    demographics: object({
      ageBand: coded(lists.AGE_BANDS),
      sex: coded(lists.SEXES),
      ethnicity: coded(lists.ETHNICITIES),
      disability: coded(lists.DISABILITY_STATUSES),
      imdDecile: coded(lists.IMD_DECILES),
    }),
  },
  { referringOrganisation: identifier },
);

export const triageReferralData: Validator = refine<ReferralTriagedData>(
  object(
    {
      occurredAt,
      decision: coded(lists.TRIAGE_DECISIONS),
      eligibility: object({
        workingAge: boolean,
        healthConditionOrDisability: boolean,
        inWorkOrRecentlyOutOfWork: boolean,
        livesOrRegisteredWithGpInArea: boolean,
      }),
    },
    { reason: sealed, assignedCoachId: identifier },
  ),
  (value, path, context) => {
    if (value.decision.code === 'accepted' && !value.assignedCoachId)
      fail(context, `${path}.assignedCoachId`, 'is required when the referral is accepted');
  },
);

export const recordContactAttemptData: Validator = object({
  occurredAt,
  method: coded(lists.CONTACT_METHODS),
  outcome: coded(lists.CONTACT_OUTCOMES),
});

export const recordFirstAppointmentData: Validator = object({
  occurredAt,
  mode: coded(lists.SESSION_MODES),
  employmentStatus: coded(lists.EMPLOYMENT_STATUSES),
});

export const completeAssessmentData: Validator = object({
  occurredAt,
  primaryHealthBarrier: coded(lists.HEALTH_CONDITIONS),
  secondaryHealthBarriers: codes(lists.HEALTH_CONDITIONS),
  nonHealthBarriers: codes(lists.NON_HEALTH_BARRIERS),
  baselineMeasures: array(measure, { max: 8 }),
});

const goal = object({ goalId: identifier, domain: coded(lists.GOAL_DOMAINS), description: sealed, status: coded(lists.GOAL_STATUSES) });

export const agreeActionPlanData: Validator = refine<ActionPlanAgreedData>(
  object({
    occurredAt,
    planId: identifier,
    planType: coded(lists.PLAN_TYPES),
    goals: array(goal, { min: 1, max: 20 }),
    signedByParticipantOn: date,
  }),
  (value, path, context) => {
    unique((g: { goalId: string }) => g.goalId, 'goal id')(value.goals, `${path}.goals`, context);
    if (value.signedByParticipantOn > londonDateOf(value.occurredAt))
      fail(context, `${path}.signedByParticipantOn`, 'cannot be after the plan was agreed');
  },
);

export const reviewActionPlanData: Validator = object(
  { occurredAt, planId: identifier, goalStatuses: array(object({ goalId: identifier, status: coded(lists.GOAL_STATUSES) }), { max: 20 }) },
  { notes: sealed },
);

export const recordCoachingSessionData: Validator = object(
  { occurredAt, mode: coded(lists.SESSION_MODES), durationMinutes: integer(1, 480) },
  { notes: sealed },
);

export const makeOnwardReferralData: Validator = object({
  occurredAt,
  onwardReferralId: identifier,
  service: coded(lists.ONWARD_SERVICES),
  dataShared: (value, path, context) =>
    value === null ||
    object({ dataCategories: codes(lists.DATA_CATEGORIES), lawfulBasis: coded(lists.LAWFUL_BASES) })(value, path, context),
});

export const recordOnwardReferralOutcomeData: Validator = object({
  occurredAt,
  onwardReferralId: identifier,
  outcome: coded(lists.ONWARD_REFERRAL_OUTCOMES),
});
