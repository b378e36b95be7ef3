import type { Coded } from '../code-lists/code-list.types';
import type { CONTACT_OUTCOMES, EMPLOYMENT_STATUSES, REFERRAL_SOURCES, SESSION_MODES, TRIAGE_DECISIONS } from '../code-lists';
import type { Demographics } from '../personal-data/demographics.rules';
import type { SealedPersonalData } from '../personal-data/sealed.personal-data';
import type { IsoInstant } from '../shared/iso-time.values';

export type ReferralSource = (typeof REFERRAL_SOURCES.codes)[number];
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES.codes)[number];
export type TriageDecision = (typeof TRIAGE_DECISIONS.codes)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES.codes)[number];
export type SessionMode = (typeof SESSION_MODES.codes)[number];

export interface EmploymentAtReferral {
  readonly status: Coded<EmploymentStatus>;
  readonly fitNoteHeld: boolean;
}

export interface ParticipantReferredData {
  readonly occurredAt: IsoInstant;
  readonly siteId: string;
  readonly referralSource: Coded<ReferralSource>;
  readonly employmentAtReferral: EmploymentAtReferral;
  readonly contactPreference: Coded;
  /** `PersonalDetails` as JSON, sealed with the participant's key. */
  readonly personalDetails: SealedPersonalData;
  readonly demographics: Demographics;
  /** The organisation that referred (a GP practice's or PCN's ODS code, a VCSE organisation's id), when known. */
  readonly referringOrganisation?: string | null;
}

export interface EligibilityAnswers {
  /** 16 to 65. */
  readonly workingAge: boolean;
  readonly healthConditionOrDisability: boolean;
  readonly inWorkOrRecentlyOutOfWork: boolean;
  readonly livesOrRegisteredWithGpInArea: boolean;
}

export interface ReferralTriagedData {
  readonly occurredAt: IsoInstant;
  readonly decision: Coded<TriageDecision>;
  readonly eligibility: EligibilityAnswers;
  readonly reason?: SealedPersonalData | null;
  /** Required when the referral is accepted. */
  readonly assignedCoachId?: string | null;
}

export interface ContactAttemptedData {
  readonly occurredAt: IsoInstant;
  readonly method: Coded;
  readonly outcome: Coded<ContactOutcome>;
}

export interface FirstAppointmentHeldData {
  readonly occurredAt: IsoInstant;
  readonly mode: Coded<SessionMode>;
  /** National MI reports employment status here, not at referral. */
  readonly employmentStatus: Coded<EmploymentStatus>;
}

export type ParticipantReferred = { readonly type: 'ParticipantReferred'; readonly data: ParticipantReferredData };
export type ReferralTriaged = { readonly type: 'ReferralTriaged'; readonly data: ReferralTriagedData };
export type ContactAttempted = { readonly type: 'ContactAttempted'; readonly data: ContactAttemptedData };
export type FirstAppointmentHeld = { readonly type: 'FirstAppointmentHeld'; readonly data: FirstAppointmentHeldData };
