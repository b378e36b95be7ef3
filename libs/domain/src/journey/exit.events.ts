import type { Coded } from '../code-lists/code-list.types';
import type { CHECKPOINTS, OUTCOME_EMPLOYMENT_STATUSES } from '../code-lists';
import type { SealedPersonalData } from '../personal-data/sealed.personal-data';
import type { IsoInstant } from '../shared/iso-time.values';
import type { JourneyEventType } from './journey.events';
import type { Measure } from './support.events';

export type Checkpoint = (typeof CHECKPOINTS.codes)[number];
export type OutcomeEmploymentStatus = (typeof OUTCOME_EMPLOYMENT_STATUSES.codes)[number];

export interface OutcomeReached {
  readonly reached: true;
  readonly employmentStatus: Coded<OutcomeEmploymentStatus>;
  readonly hoursPerWeek?: number | null;
  readonly wellbeing?: Measure | null;
  readonly source: Coded;
}

export interface OutcomeNotReached {
  readonly reached: false;
  /** How many times the service tried before giving up. */
  readonly attempts: number;
}

export interface OutcomeRecordedData {
  /** When the status was observed: often weeks before it is recorded. */
  readonly occurredAt: IsoInstant;
  readonly checkpoint: Coded<Checkpoint>;
  readonly result: OutcomeReached | OutcomeNotReached;
}

export interface ParticipantDischargedData {
  readonly occurredAt: IsoInstant;
  readonly reason: Coded;
  /** 1 to 5, when the participant gave a rating. */
  readonly satisfaction?: number | null;
}

export interface ParticipantReEngagedData {
  readonly occurredAt: IsoInstant;
  readonly reason?: SealedPersonalData | null;
}

/** Retracts the event at `correctedVersion` of the same stream; the original stays where it is. */
export interface EventCorrectedData {
  readonly occurredAt: IsoInstant;
  readonly correctedVersion: number;
  /** Guards against pointing at the wrong version: it must match the corrected event's type. */
  readonly correctedType: JourneyEventType;
  readonly reasonCode: Coded;
  readonly reason?: SealedPersonalData | null;
}

export interface ParticipantErasedData {
  readonly occurredAt: IsoInstant;
  readonly reasonCode: Coded;
  /** The data key to destroy: the key store shreds it when it sees this event. */
  readonly keyId: string;
}

export type OutcomeRecorded = { readonly type: 'OutcomeRecorded'; readonly data: OutcomeRecordedData };
export type ParticipantDischarged = { readonly type: 'ParticipantDischarged'; readonly data: ParticipantDischargedData };
export type ParticipantReEngaged = { readonly type: 'ParticipantReEngaged'; readonly data: ParticipantReEngagedData };
export type EventCorrected = { readonly type: 'EventCorrected'; readonly data: EventCorrectedData };
export type ParticipantErased = { readonly type: 'ParticipantErased'; readonly data: ParticipantErasedData };
