/** Shapes of the API's requests and answers, as a coach's script sees them. Codes are plain strings from the current code lists. */

export interface Recorded {
  readonly participantId: string;
  /** The participant's stream version after the write: pass it as `ifMatch` on the next one. */
  readonly version: number;
  /** Global position: reads with `minPosition` wait until the read models include it. */
  readonly position: number;
  readonly recorded: readonly { type: string; version: number; position: number; eventId: string }[];
}

export interface PersonalDetails {
  name: string;
  dateOfBirth: string;
  nhsNumber: string;
  postcode: string;
  phone?: string;
  email?: string;
}

export interface ReferParticipant {
  participantId?: string;
  occurredAt: string;
  siteId?: string;
  referralSource: string;
  employmentStatus: string;
  fitNoteHeld: boolean;
  contactPreference: string;
  personalDetails: PersonalDetails;
  demographics: { sex: string; ethnicity: string; disability: string; imdDecile: string };
}

export interface TriageReferral {
  occurredAt: string;
  decision: string;
  eligibility: {
    workingAge: boolean;
    healthConditionOrDisability: boolean;
    inWorkOrRecentlyOutOfWork: boolean;
    livesOrRegisteredWithGpInArea: boolean;
  };
  reason?: string;
  assignedCoachId?: string;
}

export interface ContactAttempt {
  occurredAt: string;
  method: string;
  outcome: string;
}
export interface FirstAppointment {
  occurredAt: string;
  mode: string;
  employmentStatus: string;
}
export interface GiveConsent {
  occurredAt: string;
  scope: string;
  method: string;
  evidenceReference?: string;
  expiresAt?: string;
}
export interface WithdrawConsent {
  occurredAt: string;
  scope: string;
  method: string;
  reason?: string;
}
export interface Measure {
  instrument: string;
  instrumentVersion: string;
  items: number[];
  score?: number | null;
}
export interface CompleteAssessment {
  occurredAt: string;
  primaryHealthBarrier: string;
  secondaryHealthBarriers?: string[];
  nonHealthBarriers?: string[];
  baselineMeasures?: Measure[];
}
export interface AgreeActionPlan {
  occurredAt: string;
  planId?: string;
  planType: string;
  goals: { goalId?: string; domain: string; description: string; status: string }[];
  signedByParticipantOn: string;
}
export interface ReviewActionPlan {
  occurredAt: string;
  goalStatuses: { goalId: string; status: string }[];
  notes?: string;
}
export interface CoachingSession {
  occurredAt: string;
  mode: string;
  durationMinutes: number;
  notes?: string;
}
export interface OnwardReferral {
  occurredAt: string;
  onwardReferralId?: string;
  service: string;
  dataShared?: { dataCategories: string[]; lawfulBasis: string } | null;
}
export interface OnwardReferralOutcome {
  occurredAt: string;
  outcome: string;
}
export interface EmployerLiaison {
  occurredAt: string;
  liaisonId?: string;
  employerId: string;
  topic: string;
  dataCategories: string[];
  notes?: string;
}
export interface ShareData {
  occurredAt: string;
  sharingId?: string;
  recipient: { kind: string; reference: string };
  purpose: string;
  dataCategories: string[];
  lawfulBasis: string;
}
export interface RecordOutcome {
  occurredAt: string;
  checkpoint: string;
  reached: boolean;
  employmentStatus?: string;
  hoursPerWeek?: number;
  wellbeing?: Measure;
  source?: string;
  attempts?: number;
}
export interface Discharge {
  occurredAt: string;
  reason: string;
  satisfaction?: number;
}
export interface ReEngage {
  occurredAt: string;
  reason?: string;
}
export interface CorrectEvent {
  occurredAt: string;
  correctedVersion: number;
  correctedType: string;
  reasonCode: string;
  reason?: string;
}
export interface EraseParticipant {
  occurredAt: string;
  reasonCode: string;
}

export interface FollowUp {
  kind: string;
  checkpoint: string | null;
  dueOn: string;
  status: string;
  daysOverdue: number;
  lostToFollowUp: boolean;
}

export interface ParticipantSummary {
  participantId: string;
  siteId: string | null;
  coachId: string | null;
  stage: string;
  open: boolean;
  referredAt: string | null;
  daysSinceReferral: number | null;
  nextAction: string | null;
  nextDueOn: string | null;
  overdue: FollowUp[];
  followUps: FollowUp[];
  sessionsHeld: number;
  consents: Record<string, { given: boolean; since: string; expiresAt: string | null }>;
  personalDetails: PersonalDetails | { erased: true } | null;
  version: number;
  position: number;
}

export interface TimelineEntry {
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy: Record<string, string>;
  retracted: boolean;
  data: Record<string, unknown>;
}
export interface Timeline {
  participantId: string;
  version: number;
  position: number;
  events: TimelineEntry[];
}

export interface CaseloadItem {
  participantId: string;
  name: string | { erased: true } | null;
  coachId: string | null;
  stage: string;
  referredAt: string | null;
  daysSinceReferral: number | null;
  nextAction: string | null;
  nextDueOn: string | null;
  overdue: { kind: string; checkpoint: string | null; dueOn: string; daysOverdue: number }[];
  sessionsHeld: number;
  consents: Record<string, unknown>;
  version: number;
}
export interface Caseload {
  siteId: string;
  page: number;
  pageSize: number;
  total: number;
  position: number;
  items: CaseloadItem[];
}
export interface CaseloadFilter {
  coachId?: string;
  siteId?: string;
  stage?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
  minPosition?: number;
}
