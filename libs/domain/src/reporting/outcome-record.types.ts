import type { Checkpoint, OutcomeEmploymentStatus } from '../journey/exit.events';
import type { TriageStatus } from '../journey/journey.state';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import type { WellbeingScore } from './episode-facts.evolve';
import type { ExitType, WorkOutcomeKind } from './work-outcome.rules';

/** What a checkpoint found: an employment status, or that the participant could not be reached. */
export type CheckpointStatus = OutcomeEmploymentStatus | 'not-reached';

export interface CheckpointRecord {
  readonly checkpoint: Checkpoint;
  /** Null until the participant starts: checkpoints count from the start. */
  readonly dueOn: IsoDate | null;
  /** Null when nothing is recorded for the checkpoint. */
  readonly status: CheckpointStatus | null;
  readonly hoursPerWeek: number | null;
  readonly observedAt: IsoInstant | null;
  readonly recordedAt: IsoInstant | null;
  /** The questionnaire score recorded with the outcome, when one was. */
  readonly wellbeing: WellbeingScore | null;
  /** Could not be reached, or overdue by more than 4 weeks with nothing recorded as of the record's `asOf`. */
  readonly lostToFollowUp: boolean;
}

export interface WorkOutcome {
  readonly kind: WorkOutcomeKind;
  readonly status: OutcomeEmploymentStatus;
  readonly checkpoint: Checkpoint;
  readonly observedAt: IsoInstant;
  readonly recordedAt: IsoInstant;
  /** London calendar days from the start's day; null for a participant who never started. */
  readonly daysFromStart: number | null;
}

export interface ExitRecord {
  readonly dischargedAt: IsoInstant;
  readonly reason: string;
  readonly type: ExitType;
  /** The discharge checkpoint's outcome, when one was recorded after the (last) discharge. */
  readonly statusAtDischarge: CheckpointStatus | null;
}

export interface DemographicsRecord {
  readonly ageBand: string;
  readonly sex: string;
  readonly ethnicity: string;
  readonly disability: string;
  readonly imdDecile: string;
}

/**
 * One participant episode as the evaluation sees it: coded values as their codes, the lists
 * they came from in `codeLists`, times as ISO instants and months, quarters and days by the
 * London calendar. No personal data: `participantId` is the internal id, to be pseudonymised by
 * whoever shares the record.
 */
export interface OutcomeRecord {
  readonly participantId: string;
  /** 1 for the first referral; a re-referral after the journey closed opens the next. */
  readonly episode: number;
  readonly siteId: string;
  /** The vanguard the site rolls up to (the site itself when it is not configured). */
  readonly vanguard: string;
  /** The site's locality of the organisation that recorded the referral, or `unknown`. */
  readonly locality: string;
  /** The organisation that recorded the referral, or `unknown`. */
  readonly deliveryOrganisation: string;
  /** The site's target cohort the referral matched, or `none`. */
  readonly cohort: string;
  readonly referredAt: IsoInstant;
  readonly referralMonth: string;
  readonly referralQuarter: string;
  /** `Q3 24/25`: the financial-year quarter. */
  readonly referralFinancialQuarter: string;
  readonly referralSource: string;
  /** The referring organisation's code, or `not-recorded`. */
  readonly referringOrganisation: string;
  readonly employmentStatusAtReferral: string;
  readonly outOfWorkAtReferral: boolean;
  readonly fitNoteHeld: boolean;
  readonly demographics: DemographicsRecord;
  readonly triageDecision: TriageStatus;
  readonly firstContactAt: IsoInstant | null;
  /** Service standard: null while not yet due, or when the referral closed without contact. */
  readonly firstContactWithin2WorkingDays: boolean | null;
  readonly firstAppointmentAt: IsoInstant | null;
  readonly employmentStatusAtFirstAppointment: string | null;
  /** The first agreed plan that was not retracted: the start. */
  readonly startedAt: IsoInstant | null;
  readonly startMonth: string | null;
  readonly startQuarter: string | null;
  readonly startFinancialQuarter: string | null;
  readonly planType: string | null;
  readonly signedPlanOn: IsoDate | null;
  /** Service standard: null while not yet due, or when the referral closed without a start. */
  readonly signedPlanWithin20WorkingDays: boolean | null;
  readonly primaryHealthBarrier: string | null;
  readonly primaryNonHealthBarrier: string | null;
  /** The baseline questionnaire of the first assessment. */
  readonly baselineWellbeing: WellbeingScore | null;
  /** Onward referrals made (not blocked), by service code. */
  readonly onwardReferrals: Readonly<Record<string, number>>;
  readonly employerLiaison: boolean;
  readonly sharingsBlocked: number;
  /** One per checkpoint of the site's schedule, in schedule order. */
  readonly checkpoints: readonly CheckpointRecord[];
  readonly firstWorkOutcome: WorkOutcome | null;
  /** In work at both 12 and 26 weeks; null before a start or when the schedule lacks either checkpoint. */
  readonly sustained: boolean | null;
  /** Null while the episode is open (or was closed at triage, which `triageDecision` says). */
  readonly exit: ExitRecord | null;
  /** The rating given at the final discharge, 1 to 5. */
  readonly satisfaction: number | null;
  /** The participant's personal data was erased; what is here stays for the evaluation. */
  readonly erased: boolean;
  /** `list@version` of every coded value above, sorted. */
  readonly codeLists: readonly string[];
  /** The time lost to follow-up and the service standards were judged at. */
  readonly asOf: IsoInstant;
  /** The last stored event the record reflects, including corrections of its events. */
  readonly lastPosition: number;
  readonly lastVersion: number;
}
