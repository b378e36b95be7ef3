import type { Coded } from '../code-lists/code-list.types';
import type { GOAL_STATUSES, HEALTH_CONDITIONS, INSTRUMENTS, ONWARD_REFERRAL_OUTCOMES, ONWARD_SERVICES, PLAN_TYPES } from '../code-lists';
import type { SealedPersonalData } from '../personal-data/sealed.personal-data';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import type { SessionMode } from './referral.events';
import type { LawfulBasis } from './sharing.events';

export type HealthCondition = (typeof HEALTH_CONDITIONS.codes)[number];
export type Instrument = (typeof INSTRUMENTS.codes)[number];
export type PlanType = (typeof PLAN_TYPES.codes)[number];
export type GoalStatus = (typeof GOAL_STATUSES.codes)[number];
export type OnwardService = (typeof ONWARD_SERVICES.codes)[number];
export type OnwardReferralOutcome = (typeof ONWARD_REFERRAL_OUTCOMES.codes)[number];

/**
 * One completed questionnaire. `items` are the answers in the instrument's order; `score` is
 * the SWEMWBS or WEMWBS total, the EQ-5D-5L visual analogue scale, and null for ONS4, whose
 * four items are each reported on their own.
 */
export interface Measure {
  readonly instrument: Coded<Instrument>;
  readonly instrumentVersion: string;
  readonly items: readonly number[];
  readonly score: number | null;
}

export interface AssessmentCompletedData {
  readonly occurredAt: IsoInstant;
  readonly primaryHealthBarrier: Coded<HealthCondition>;
  readonly secondaryHealthBarriers: readonly Coded<HealthCondition>[];
  readonly nonHealthBarriers: readonly Coded[];
  readonly baselineMeasures: readonly Measure[];
}

export interface Goal {
  readonly goalId: string;
  readonly domain: Coded;
  readonly description: SealedPersonalData;
  readonly status: Coded<GoalStatus>;
}

export interface ActionPlanAgreedData {
  readonly occurredAt: IsoInstant;
  readonly planId: string;
  readonly planType: Coded<PlanType>;
  readonly goals: readonly Goal[];
  readonly signedByParticipantOn: IsoDate;
}

export interface ActionPlanReviewedData {
  readonly occurredAt: IsoInstant;
  readonly planId: string;
  readonly goalStatuses: readonly { readonly goalId: string; readonly status: Coded<GoalStatus> }[];
  readonly notes?: SealedPersonalData | null;
}

export interface CoachingSessionHeldData {
  readonly occurredAt: IsoInstant;
  readonly mode: Coded<SessionMode>;
  readonly durationMinutes: number;
  readonly notes?: SealedPersonalData | null;
}

export interface SharedWithOnwardService {
  readonly dataCategories: readonly Coded[];
  readonly lawfulBasis: Coded<LawfulBasis>;
}

export interface OnwardReferralMadeData {
  readonly occurredAt: IsoInstant;
  readonly onwardReferralId: string;
  readonly service: Coded<OnwardService>;
  /** Null when the participant refers themselves with the service's details and nothing is sent. */
  readonly dataShared: SharedWithOnwardService | null;
}

export interface OnwardReferralOutcomeRecordedData {
  readonly occurredAt: IsoInstant;
  readonly onwardReferralId: string;
  readonly outcome: Coded<OnwardReferralOutcome>;
}

export type AssessmentCompleted = { readonly type: 'AssessmentCompleted'; readonly data: AssessmentCompletedData };
export type ActionPlanAgreed = { readonly type: 'ActionPlanAgreed'; readonly data: ActionPlanAgreedData };
export type ActionPlanReviewed = { readonly type: 'ActionPlanReviewed'; readonly data: ActionPlanReviewedData };
export type CoachingSessionHeld = { readonly type: 'CoachingSessionHeld'; readonly data: CoachingSessionHeldData };
export type OnwardReferralMade = { readonly type: 'OnwardReferralMade'; readonly data: OnwardReferralMadeData };
export type OnwardReferralOutcomeRecorded = {
  readonly type: 'OnwardReferralOutcomeRecorded';
  readonly data: OnwardReferralOutcomeRecordedData;
};
