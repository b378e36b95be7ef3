import { createHash } from 'node:crypto';
import {
  consentStatusAt,
  evolve,
  initialState,
  isJourneyEventType,
  participantStreamId,
  scopeInWords,
  toRecordedJourneyEvent,
  type Actor,
  type Coded,
  type Journey,
  type PersonalDetails,
  type RecordedJourneyEvent,
} from '@workwell/domain';
import { readWholeStream, type EventStore } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import { openEventData } from '../format/personal-fields';

/** A record of one consent given or withdrawn that the participant can keep: nothing in it they did not tell the service themselves. */
export interface ConsentReceipt {
  readonly receiptId: string;
  readonly issuedAt: string;
  readonly participantId: string;
  /** Their name as they gave it, so the receipt is recognisably theirs; null once erased. */
  readonly participantName: string | null;
  readonly siteId: string | null;
  /** The stream version of the consent event. */
  readonly version: number;
  readonly action: 'given' | 'withdrawn';
  readonly scope: Coded & { readonly inWords: string };
  readonly method: Coded & { readonly inWords: string };
  /** When they gave or withdrew it, and when the service wrote it down. */
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: Actor;
  readonly evidenceReference: string | null;
  readonly expiresAt: string | null;
  /** A correction later withdrew this record. */
  readonly retracted: boolean;
  /** Whether consent for this scope is in force now, as the record stands. */
  readonly inForceNow: boolean;
  readonly howToWithdraw: string;
  readonly whatWithdrawingMeans: string;
}

type ConsentEvent = RecordedJourneyEvent<Extract<RecordedJourneyEvent, { type: 'ConsentGiven' | 'ConsentWithdrawn' }>>;

const METHOD_WORDS: Readonly<Record<string, string>> = {
  verbal: 'by telling us (verbally)',
  written: 'in writing',
  digital: 'digitally (online or on a device)',
};

export type ReceiptLookup =
  | { readonly found: 'receipt'; readonly receipt: ConsentReceipt; readonly journey: Journey }
  | { readonly found: 'participant'; readonly journey: Journey }
  | { readonly found: 'nothing' };

/**
 * The receipt of the consent event at `version` of the participant's stream. Answers the journey
 * too, so that the caller checks who may see it before anything leaves; `participant` when that
 * version is not a consent given or withdrawn.
 */
export const consentReceipt = async (
  store: EventStore,
  keyStore: KeyStore,
  participantId: string,
  version: number,
  now: Date,
): Promise<ReceiptLookup> => {
  const events = (await readWholeStream(store, participantStreamId(participantId)))
    .filter((event) => isJourneyEventType(event.type))
    .map(toRecordedJourneyEvent);
  if (events.length === 0) return { found: 'nothing' };
  const journey = events.reduce(evolve, initialState());
  const event = events.find((candidate): candidate is ConsentEvent => candidate.version === version);
  if (event === undefined || (event.type !== 'ConsentGiven' && event.type !== 'ConsentWithdrawn')) return { found: 'participant', journey };
  const referral = [...events].reverse().find((candidate) => candidate.type === 'ParticipantReferred');
  const details = referral ? ((await openEventData(keyStore, 'ParticipantReferred', referral.data)).personalDetails as unknown) : null;
  const name =
    typeof details === 'object' && details !== null && typeof (details as PersonalDetails).name === 'string'
      ? (details as PersonalDetails).name
      : null;
  const scope = event.data.scope;
  const siteId = journey.episode?.siteId ?? null;
  const where = siteId ? `your WorkWell coach at ${siteId}` : 'your WorkWell coach';
  return {
    found: 'receipt',
    journey,
    receipt: {
      receiptId: createHash('sha256').update(`consent-receipt\n${participantId}\n${version}`).digest('hex').slice(0, 20),
      issuedAt: now.toISOString(),
      participantId,
      participantName: name,
      siteId,
      version,
      action: event.type === 'ConsentGiven' ? 'given' : 'withdrawn',
      scope: { ...scope, inWords: scopeInWords(scope.code) },
      method: { ...event.data.method, inWords: METHOD_WORDS[event.data.method.code] ?? event.data.method.code },
      occurredAt: event.data.occurredAt,
      recordedAt: event.recordedAt,
      recordedBy: event.metadata.actor,
      evidenceReference: event.type === 'ConsentGiven' ? (event.data.evidenceReference ?? null) : null,
      expiresAt: event.type === 'ConsentGiven' ? (event.data.expiresAt ?? null) : null,
      retracted: journey.retracted.includes(version),
      inForceNow: consentStatusAt(journey.consents, scope.code, now.getTime()).active,
      howToWithdraw:
        event.type === 'ConsentGiven'
          ? `You can withdraw this consent at any time, without giving a reason, by telling ${where} in person, by phone or in writing.`
          : `You can give this consent again at any time by telling ${where}.`,
      whatWithdrawingMeans:
        'Withdrawing stops any sharing that relied on this consent from that moment on. It does not undo what was shared before, while your consent was in force.',
    },
  };
};
