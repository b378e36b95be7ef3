import type { EventCorrected, OutcomeRecorded, ParticipantDischarged, ParticipantErased, ParticipantReEngaged } from './exit.events';
import type { ContactAttempted, FirstAppointmentHeld, ParticipantReferred, ReferralTriaged } from './referral.events';
import type { ConsentGiven, ConsentWithdrawn, DataShared, DataSharingBlocked, EmployerLiaisonRecorded } from './sharing.events';
import type {
  ActionPlanAgreed,
  ActionPlanReviewed,
  AssessmentCompleted,
  CoachingSessionHeld,
  OnwardReferralMade,
  OnwardReferralOutcomeRecorded,
} from './support.events';

export type JourneyEvent =
  | ParticipantReferred
  | ReferralTriaged
  | ContactAttempted
  | FirstAppointmentHeld
  | ConsentGiven
  | ConsentWithdrawn
  | AssessmentCompleted
  | ActionPlanAgreed
  | ActionPlanReviewed
  | CoachingSessionHeld
  | OnwardReferralMade
  | OnwardReferralOutcomeRecorded
  | EmployerLiaisonRecorded
  | DataShared
  | DataSharingBlocked
  | OutcomeRecorded
  | ParticipantDischarged
  | ParticipantReEngaged
  | EventCorrected
  | ParticipantErased;

export type JourneyEventType = JourneyEvent['type'];

export type JourneyEventOfType<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

/** The data shape of each event type. */
export type JourneyEventData = { [E in JourneyEvent as E['type']]: E['data'] };

/** The schema version new events are written with; `upcast` brings older ones up to it. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<JourneyEventType, number>> = {
  ParticipantReferred: 2,
  ReferralTriaged: 1,
  ContactAttempted: 1,
  FirstAppointmentHeld: 1,
  ConsentGiven: 1,
  ConsentWithdrawn: 1,
  AssessmentCompleted: 1,
  ActionPlanAgreed: 1,
  ActionPlanReviewed: 1,
  CoachingSessionHeld: 1,
  OnwardReferralMade: 1,
  OnwardReferralOutcomeRecorded: 1,
  EmployerLiaisonRecorded: 1,
  DataShared: 1,
  DataSharingBlocked: 1,
  OutcomeRecorded: 1,
  ParticipantDischarged: 1,
  ParticipantReEngaged: 1,
  EventCorrected: 1,
  ParticipantErased: 1,
};

export const JOURNEY_EVENT_TYPES = Object.keys(CURRENT_SCHEMA_VERSION) as readonly JourneyEventType[];

export const isJourneyEventType = (type: string): type is JourneyEventType =>
  Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
