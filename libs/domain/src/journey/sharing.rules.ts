import { coded } from '../code-lists/code-list.types';
import { CONSENT_SCOPES, LAWFUL_BASES, RECIPIENT_KINDS, SHARING_PURPOSES } from '../code-lists/sharing.code-lists';
import { toMillis } from '../shared/iso-time.values';
import { blockedSentence, CONSENT_ONLY_RECIPIENTS, CONSENT_SCOPE_FOR_RECIPIENT, consentStatusAt, scopeInWords } from './consent.rules';
import type { GiveConsent, MakeOnwardReferral, RecordEmployerLiaison, ShareData, WithdrawConsent } from './journey.commands';
import type { JourneyEvent } from './journey.events';
import { refuse, requireActive, requireReferral } from './journey.guards';
import type { Journey } from './journey.state';
import type { ConsentRelied, DataSharedData, SharingAttempt, SharingBlockedCode } from './sharing.events';

export const giveConsent = (command: GiveConsent, journey: Journey): JourneyEvent[] => {
  requireReferral(journey);
  return [{ type: 'ConsentGiven', data: command.data }];
};

export const withdrawConsent = (command: WithdrawConsent, journey: Journey): JourneyEvent[] => {
  requireReferral(journey);
  const scope = command.data.scope.code;
  if (!consentStatusAt(journey.consents, scope, toMillis(command.data.occurredAt)).active) {
    refuse(
      'CONSENT_NOT_ACTIVE',
      `The participant had no consent in force for ${scopeInWords(scope)} at that time, so there is nothing to withdraw.`,
    );
  }
  return [{ type: 'ConsentWithdrawn', data: command.data }];
};

type SharingDecision = { readonly shared: DataSharedData } | { readonly blocked: JourneyEvent };

/**
 * Employer and work coach hear only what the participant consented to; anyone else may rest on
 * another lawful basis, and on consent only if it was in force at the moment of sharing. Without
 * it the sharing does not happen and the attempt is kept for auditors.
 */
const decideSharing = (journey: Journey, occurredAt: string, attempt: Omit<SharingAttempt, 'consentScope'>): SharingDecision => {
  const kind = attempt.recipient.kind.code;
  const scope = CONSENT_SCOPE_FOR_RECIPIENT[kind];
  const consentScope = scope === null ? null : coded(CONSENT_SCOPES, scope);
  const block = (reasonCode: SharingBlockedCode): SharingDecision => ({
    blocked: {
      type: 'DataSharingBlocked',
      data: { occurredAt, attempted: { ...attempt, consentScope }, reasonCode, reason: blockedSentence(reasonCode, scope) },
    },
  });
  const relyOnConsent = attempt.lawfulBasis.code === 'consent';
  if (CONSENT_ONLY_RECIPIENTS.includes(kind) && !relyOnConsent) return block('CONSENT_REQUIRED');
  let consentRelied: ConsentRelied | null = null;
  if (relyOnConsent && consentScope !== null) {
    const status = consentStatusAt(journey.consents, consentScope.code, toMillis(occurredAt));
    if (!status.active) return block(status.reasonCode);
    consentRelied = { scope: consentScope, consentGivenVersion: status.givenVersion };
  }
  const { recipient, purpose, dataCategories, lawfulBasis, sharingId } = attempt;
  return { shared: { occurredAt, sharingId, recipient, purpose, dataCategories, lawfulBasis, consentRelied } };
};

const EMPLOYER = coded(RECIPIENT_KINDS, 'employer');
const ONWARD_SERVICE = coded(RECIPIENT_KINDS, 'onward-service');
const LIAISON_PURPOSE = coded(SHARING_PURPOSES, 'employer-liaison');
const ONWARD_PURPOSE = coded(SHARING_PURPOSES, 'onward-referral');
const CONSENT = coded(LAWFUL_BASES, 'consent');

export const recordEmployerLiaison = (command: RecordEmployerLiaison, journey: Journey): JourneyEvent[] => {
  requireActive(journey, 'employer liaison');
  const { occurredAt, liaisonId, employerId, dataCategories } = command.data;
  const decision = decideSharing(journey, occurredAt, {
    command: command.type,
    sharingId: liaisonId,
    recipient: { kind: EMPLOYER, reference: employerId },
    purpose: LIAISON_PURPOSE,
    dataCategories,
    lawfulBasis: CONSENT,
  });
  if ('blocked' in decision) return [decision.blocked];
  return [
    { type: 'EmployerLiaisonRecorded', data: command.data },
    { type: 'DataShared', data: decision.shared },
  ];
};

export const makeOnwardReferral = (command: MakeOnwardReferral, journey: Journey): JourneyEvent[] => {
  const episode = requireActive(journey, 'onward referral');
  const { occurredAt, onwardReferralId, service, dataShared } = command.data;
  if (episode.onwardReferralIds.includes(onwardReferralId))
    refuse('ONWARD_REFERRAL_ALREADY_MADE', 'This onward referral has already been recorded.');
  const referred: JourneyEvent = { type: 'OnwardReferralMade', data: command.data };
  if (dataShared === null) return [referred];
  const decision = decideSharing(journey, occurredAt, {
    command: command.type,
    sharingId: onwardReferralId,
    recipient: { kind: ONWARD_SERVICE, reference: service.code },
    purpose: ONWARD_PURPOSE,
    dataCategories: dataShared.dataCategories,
    lawfulBasis: dataShared.lawfulBasis,
  });
  return 'blocked' in decision ? [decision.blocked] : [referred, { type: 'DataShared', data: decision.shared }];
};

export const shareData = (command: ShareData, journey: Journey): JourneyEvent[] => {
  requireReferral(journey);
  const decision = decideSharing(journey, command.data.occurredAt, { command: command.type, ...withoutOccurredAt(command.data) });
  return 'blocked' in decision ? [decision.blocked] : [{ type: 'DataShared', data: decision.shared }];
};

const withoutOccurredAt = <T extends { occurredAt: string }>({ occurredAt: _occurredAt, ...rest }: T): Omit<T, 'occurredAt'> => rest;
