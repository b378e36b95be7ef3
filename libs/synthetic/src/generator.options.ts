import type { SiteSchedule } from '@workwell/domain';
import type { EmploymentStatus, ReferralSource } from '@workwell/domain';
import type { HealthCondition } from '@workwell/domain';
import type { SealedPersonalData } from '@workwell/domain';
import type { IsoDate, IsoInstant } from '@workwell/domain';
import type { Weights } from './seeded.prng';

/** Probabilities that shape the journeys; each applies among the participants who reach that step. */
export interface JourneyRates {
  /** Referrals accepted at triage. */
  readonly acceptance: number;
  /** Accepted participants who go on to agree a plan (a start). */
  readonly conversion: number;
  /** Started participants who disengage before their plan is complete. */
  readonly dropOut: number;
  /** Employed participants whose coach talks to their employer. */
  readonly employerLiaison: number;
  /** Liaisons first attempted before the participant consented (recorded as blocked). */
  readonly liaisonWithoutConsent: number;
  /** Participants who withdraw a sharing consent part-way. */
  readonly consentWithdrawal: number;
  /** Started participants referred on to another service. */
  readonly onwardReferral: number;
  /** Progress updates shared with the GP or a Jobcentre work coach. */
  readonly progressSharing: number;
  /** Checkpoints where the participant could not be reached. */
  readonly couldNotBeReached: number;
  /** Outcomes recorded one to six weeks after they were observed. */
  readonly lateRecording: number;
  /** Discharges with a satisfaction rating. */
  readonly satisfactionGiven: number;
  /** Outcomes recorded wrongly, corrected and recorded again. */
  readonly correction: number;
  /** Discharged participants who come back. */
  readonly reEngagement: number;
  /** Participants whose personal data is erased at the end. */
  readonly erasure: number;
}

export interface JourneyGeneratorOptions {
  readonly seed: number;
  readonly participants: number;
  /** Site ids, or how many sites to make up (`site-01`...). Default 15. */
  readonly sites?: number | readonly string[];
  /** The first day referrals arrive. */
  readonly startDate: IsoDate;
  /** Referrals spread evenly over this many days. Default 540 (18 months). */
  readonly referralPeriodDays?: number;
  /** Nothing recorded after this instant is generated: journeys still under way are cut there. */
  readonly asOf?: IsoInstant;
  /** The key store's sealing, injected: the generator never sees a key. */
  readonly seal: (participantId: string, plaintext: string) => SealedPersonalData;
  /** Per-site follow-up schedules; the national default elsewhere. */
  readonly siteSchedules?: Readonly<Record<string, SiteSchedule>>;
  readonly referralSources?: Weights<ReferralSource>;
  readonly employmentAtReferral?: Weights<EmploymentStatus>;
  readonly primaryBarriers?: Weights<HealthCondition>;
  readonly rates?: Partial<JourneyRates>;
}

export const DEFAULT_RATES: JourneyRates = {
  acceptance: 0.85,
  conversion: 0.75,
  dropOut: 0.15,
  employerLiaison: 0.35,
  liaisonWithoutConsent: 0.1,
  consentWithdrawal: 0.05,
  onwardReferral: 0.45,
  progressSharing: 0.3,
  couldNotBeReached: 0.15,
  lateRecording: 0.25,
  satisfactionGiven: 0.7,
  correction: 0.02,
  reEngagement: 0.03,
  erasure: 0.002,
};

export const DEFAULT_REFERRAL_SOURCES: Weights<ReferralSource> = {
  gp: 30,
  'other-primary-care': 5,
  self: 20,
  employer: 10,
  'jobcentre-plus': 12,
  vcse: 5,
  'local-authority': 4,
  'social-prescriber': 5,
  'other-health-service': 7,
  other: 2,
};

export const DEFAULT_EMPLOYMENT_AT_REFERRAL: Weights<EmploymentStatus> = {
  'employed-working': 40,
  'employed-off-sick': 30,
  'self-employed': 5,
  unemployed: 17,
  'economically-inactive': 8,
};

export const DEFAULT_PRIMARY_BARRIERS: Weights<HealthCondition> = {
  'mental-health': 45,
  musculoskeletal: 25,
  cardiovascular: 4,
  respiratory: 3,
  neurological: 5,
  'long-covid': 4,
  cancer: 3,
  'diabetes-endocrine': 4,
  other: 7,
};
