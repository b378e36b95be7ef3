import type { Coded } from '../code-lists/code-list.types';
import type { CONSENT_SCOPES, LAWFUL_BASES, RECIPIENT_KINDS } from '../code-lists';
import type { SealedPersonalData } from '../personal-data/sealed.personal-data';
import type { IsoInstant } from '../shared/iso-time.values';

export type ConsentScope = (typeof CONSENT_SCOPES.codes)[number];
export type LawfulBasis = (typeof LAWFUL_BASES.codes)[number];
export type RecipientKind = (typeof RECIPIENT_KINDS.codes)[number];

export interface ConsentGivenData {
  readonly occurredAt: IsoInstant;
  readonly scope: Coded<ConsentScope>;
  readonly method: Coded;
  /** Where the signed form or recording is kept: a document id, never words about the person. */
  readonly evidenceReference?: string | null;
  readonly expiresAt?: IsoInstant | null;
}

export interface ConsentWithdrawnData {
  readonly occurredAt: IsoInstant;
  readonly scope: Coded<ConsentScope>;
  readonly method: Coded;
  readonly reason?: SealedPersonalData | null;
}

export interface EmployerLiaisonRecordedData {
  readonly occurredAt: IsoInstant;
  readonly liaisonId: string;
  /** A pseudonymous employer id, never the employer's name. */
  readonly employerId: string;
  readonly topic: Coded;
  readonly dataCategories: readonly Coded[];
  readonly notes?: SealedPersonalData | null;
}

export interface Recipient {
  readonly kind: Coded<RecipientKind>;
  /** An organisation or service id (the onward service's code, the employer's pseudonymous id). */
  readonly reference: string;
}

/** The consent a sharing rested on, by the stream version of its `ConsentGiven`. */
export interface ConsentRelied {
  readonly scope: Coded<ConsentScope>;
  readonly consentGivenVersion: number;
}

export interface DataSharedData {
  readonly occurredAt: IsoInstant;
  readonly sharingId: string;
  readonly recipient: Recipient;
  readonly purpose: Coded;
  readonly dataCategories: readonly Coded[];
  readonly lawfulBasis: Coded<LawfulBasis>;
  readonly consentRelied: ConsentRelied | null;
}

export type SharingCommandType = 'RecordEmployerLiaison' | 'MakeOnwardReferral' | 'ShareData';

export type SharingBlockedCode = 'CONSENT_NOT_GIVEN' | 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED' | 'CONSENT_REQUIRED';

export interface SharingAttempt {
  readonly command: SharingCommandType;
  readonly sharingId: string;
  readonly recipient: Recipient;
  readonly purpose: Coded;
  readonly dataCategories: readonly Coded[];
  readonly lawfulBasis: Coded<LawfulBasis>;
  /** The consent scope the sharing needed, when its basis is (or must be) consent. */
  readonly consentScope: Coded<ConsentScope> | null;
}

/** Recorded instead of the sharing, so that auditors see every attempt that did not happen. */
export interface DataSharingBlockedData {
  readonly occurredAt: IsoInstant;
  readonly attempted: SharingAttempt;
  readonly reasonCode: SharingBlockedCode;
  readonly reason: string;
}

export type ConsentGiven = { readonly type: 'ConsentGiven'; readonly data: ConsentGivenData };
export type ConsentWithdrawn = { readonly type: 'ConsentWithdrawn'; readonly data: ConsentWithdrawnData };
export type EmployerLiaisonRecorded = { readonly type: 'EmployerLiaisonRecorded'; readonly data: EmployerLiaisonRecordedData };
export type DataShared = { readonly type: 'DataShared'; readonly data: DataSharedData };
export type DataSharingBlocked = { readonly type: 'DataSharingBlocked'; readonly data: DataSharingBlockedData };
