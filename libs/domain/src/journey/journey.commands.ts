import type { SiteSchedule } from '../calendar/follow-up.schedule';
import type { IsoInstant } from '../shared/iso-time.values';
import type {
  EventCorrectedData,
  OutcomeRecordedData,
  ParticipantDischargedData,
  ParticipantErasedData,
  ParticipantReEngagedData,
} from './exit.events';
import type { ContactAttemptedData, FirstAppointmentHeldData, ParticipantReferredData, ReferralTriagedData } from './referral.events';
import type { ConsentGivenData, ConsentWithdrawnData, DataSharedData, EmployerLiaisonRecordedData } from './sharing.events';
import type {
  ActionPlanAgreedData,
  ActionPlanReviewedData,
  AssessmentCompletedData,
  CoachingSessionHeldData,
  OnwardReferralMadeData,
  OnwardReferralOutcomeRecordedData,
} from './support.events';

export const ACTOR_ROLES = ['coach', 'manager', 'evaluator', 'auditor', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  readonly userId: string;
  readonly role: ActorRole;
  readonly organisation: string;
  readonly site: string;
}

/** What arrives with every command: the domain never reads a clock or makes up an id. */
export interface CommandContext {
  readonly participantId: string;
  readonly actor: Actor;
  /** The recording clock: business times may not be later than this, give or take a small skew. */
  readonly now: IsoInstant;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly idempotencyKey?: string;
  /** The participant's site's follow-up schedule; the national default when absent. */
  readonly siteSchedule?: SiteSchedule;
}

type Command<T extends string, D> = { readonly type: T; readonly data: D; readonly context: CommandContext };

export type ReferParticipant = Command<'ReferParticipant', ParticipantReferredData>;
export type TriageReferral = Command<'TriageReferral', ReferralTriagedData>;
export type RecordContactAttempt = Command<'RecordContactAttempt', ContactAttemptedData>;
export type RecordFirstAppointment = Command<'RecordFirstAppointment', FirstAppointmentHeldData>;
export type GiveConsent = Command<'GiveConsent', ConsentGivenData>;
export type WithdrawConsent = Command<'WithdrawConsent', ConsentWithdrawnData>;
export type CompleteAssessment = Command<'CompleteAssessment', AssessmentCompletedData>;
export type AgreeActionPlan = Command<'AgreeActionPlan', ActionPlanAgreedData>;
export type ReviewActionPlan = Command<'ReviewActionPlan', ActionPlanReviewedData>;
export type RecordCoachingSession = Command<'RecordCoachingSession', CoachingSessionHeldData>;
export type MakeOnwardReferral = Command<'MakeOnwardReferral', OnwardReferralMadeData>;
export type RecordOnwardReferralOutcome = Command<'RecordOnwardReferralOutcome', OnwardReferralOutcomeRecordedData>;
export type RecordEmployerLiaison = Command<'RecordEmployerLiaison', EmployerLiaisonRecordedData>;
/** The consent relied on is looked up by the decider, never taken from the caller. */
export type ShareData = Command<'ShareData', Omit<DataSharedData, 'consentRelied'>>;
export type RecordOutcome = Command<'RecordOutcome', OutcomeRecordedData>;
export type DischargeParticipant = Command<'DischargeParticipant', ParticipantDischargedData>;
export type ReEngageParticipant = Command<'ReEngageParticipant', ParticipantReEngagedData>;
export type CorrectEvent = Command<'CorrectEvent', EventCorrectedData>;
/** The key id to shred is the participant's own, filled in by the decider. */
export type EraseParticipant = Command<'EraseParticipant', Omit<ParticipantErasedData, 'keyId'>>;

export type JourneyCommand =
  | ReferParticipant
  | TriageReferral
  | RecordContactAttempt
  | RecordFirstAppointment
  | GiveConsent
  | WithdrawConsent
  | CompleteAssessment
  | AgreeActionPlan
  | ReviewActionPlan
  | RecordCoachingSession
  | MakeOnwardReferral
  | RecordOnwardReferralOutcome
  | RecordEmployerLiaison
  | ShareData
  | RecordOutcome
  | DischargeParticipant
  | ReEngageParticipant
  | CorrectEvent
  | EraseParticipant;

export type JourneyCommandType = JourneyCommand['type'];

export type JourneyCommandOfType<T extends JourneyCommandType> = Extract<JourneyCommand, { type: T }>;

/** Every command type, for doors that read a type from outside (an interchange file's rows). */
export const JOURNEY_COMMAND_TYPES: readonly JourneyCommandType[] = [
  'ReferParticipant',
  'TriageReferral',
  'RecordContactAttempt',
  'RecordFirstAppointment',
  'GiveConsent',
  'WithdrawConsent',
  'CompleteAssessment',
  'AgreeActionPlan',
  'ReviewActionPlan',
  'RecordCoachingSession',
  'MakeOnwardReferral',
  'RecordOnwardReferralOutcome',
  'RecordEmployerLiaison',
  'ShareData',
  'RecordOutcome',
  'DischargeParticipant',
  'ReEngageParticipant',
  'CorrectEvent',
  'EraseParticipant',
];

/** Every participant's stream id starts with this; the stores' prefix filters select them by it. */
export const PARTICIPANT_STREAM_PREFIX = 'participant-';

const PARTICIPANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A participant id as every part of the system spells it: a UUID in lower case. Stream ids are
 * case-sensitive text while read models key on `uuid`, so two spellings of one id would be two
 * streams behind one row; every door folds the id to this form before anything is read by it.
 */
export const canonicalParticipantId = (participantId: string): string => participantId.trim().toLowerCase();

export const isParticipantId = (text: string): boolean => PARTICIPANT_ID.test(canonicalParticipantId(text));

/**
 * Whether a stream is a participant's, spelt as `participantStreamId` spells it. A stream whose
 * id is another spelling (written before ids were folded) is nobody's journey: read models and
 * replays leave it out, so it can never stand in for the participant's own.
 */
export const isParticipantStreamId = (streamId: string): boolean =>
  streamId.startsWith(PARTICIPANT_STREAM_PREFIX) && PARTICIPANT_ID.test(streamId.slice(PARTICIPANT_STREAM_PREFIX.length));

/** The stream a participant's journey is kept in: one per participant, whatever the spelling of the id. */
export const participantStreamId = (participantId: string): string =>
  `${PARTICIPANT_STREAM_PREFIX}${canonicalParticipantId(participantId)}`;
