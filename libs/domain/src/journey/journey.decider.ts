import { assertNever } from '../shared/assert-never';
import { validateCommand } from '../validation/command.validators';
import * as exit from './exit.rules';
import type { JourneyCommand } from './journey.commands';
import type { JourneyEvent } from './journey.events';
import { requireNotBeforeReferral, requireNotErased } from './journey.guards';
import type { Journey } from './journey.state';
import * as referral from './referral.rules';
import * as sharing from './sharing.rules';
import * as support from './support.rules';

/**
 * What a command means for a participant's journey: the events to append, or a refusal.
 * Throws `ValidationFailed` for a malformed command and `JourneyRuleBroken` for a broken rule;
 * a sharing without its consent is not a refusal but a `DataSharingBlocked` event.
 */
export const decide = (command: JourneyCommand, state: Journey): JourneyEvent[] => {
  requireNotErased(state);
  validateCommand(command);
  return decideValidated(command, state);
};

/**
 * `decide` for commands already known to be well formed (the synthetic generator's, in a bulk
 * import): the rules still apply, only the field-by-field validation is skipped.
 */
export const decideValidated = (command: JourneyCommand, state: Journey): JourneyEvent[] => {
  requireNotErased(state);
  if (command.type !== 'ReferParticipant') requireNotBeforeReferral(state, command.data.occurredAt, 'entry');
  switch (command.type) {
    case 'ReferParticipant':
      return referral.referParticipant(command, state);
    case 'TriageReferral':
      return referral.triageReferral(command, state);
    case 'RecordContactAttempt':
      return referral.recordContactAttempt(command, state);
    case 'RecordFirstAppointment':
      return referral.recordFirstAppointment(command, state);
    case 'GiveConsent':
      return sharing.giveConsent(command, state);
    case 'WithdrawConsent':
      return sharing.withdrawConsent(command, state);
    case 'CompleteAssessment':
      return support.completeAssessment(command, state);
    case 'AgreeActionPlan':
      return support.agreeActionPlan(command, state);
    case 'ReviewActionPlan':
      return support.reviewActionPlan(command, state);
    case 'RecordCoachingSession':
      return support.recordCoachingSession(command, state);
    case 'MakeOnwardReferral':
      return sharing.makeOnwardReferral(command, state);
    case 'RecordOnwardReferralOutcome':
      return support.recordOnwardReferralOutcome(command, state);
    case 'RecordEmployerLiaison':
      return sharing.recordEmployerLiaison(command, state);
    case 'ShareData':
      return sharing.shareData(command, state);
    case 'RecordOutcome':
      return exit.recordOutcome(command, state);
    case 'DischargeParticipant':
      return exit.dischargeParticipant(command, state);
    case 'ReEngageParticipant':
      return exit.reEngageParticipant(command, state);
    case 'CorrectEvent':
      return exit.correctEvent(command, state);
    case 'EraseParticipant':
      return exit.eraseParticipant(command, state);
    default:
      return assertNever(command);
  }
};
