import type { JourneyCommand, JourneyCommandType } from '../journey/journey.commands';
import { ACTOR_ROLES } from '../journey/journey.commands';
import { participantKeyId } from '../personal-data/sealed.personal-data';
import { ValidationFailed, type FieldError } from '../shared/domain.errors';
import { isIsoInstant, toMillis } from '../shared/iso-time.values';
import * as exit from './exit-data.validators';
import { array, identifier, instant, integer, literal, object, type Validator } from './field.validators';
import * as journey from './journey-data.validators';

const DATA_VALIDATORS: Readonly<Record<JourneyCommandType, Validator>> = {
  ReferParticipant: journey.referParticipantData,
  TriageReferral: journey.triageReferralData,
  RecordContactAttempt: journey.recordContactAttemptData,
  RecordFirstAppointment: journey.recordFirstAppointmentData,
  GiveConsent: exit.giveConsentData,
  WithdrawConsent: exit.withdrawConsentData,
  CompleteAssessment: journey.completeAssessmentData,
  AgreeActionPlan: journey.agreeActionPlanData,
  ReviewActionPlan: journey.reviewActionPlanData,
  RecordCoachingSession: journey.recordCoachingSessionData,
  MakeOnwardReferral: journey.makeOnwardReferralData,
  RecordOnwardReferralOutcome: journey.recordOnwardReferralOutcomeData,
  RecordEmployerLiaison: exit.recordEmployerLiaisonData,
  ShareData: exit.shareDataData,
  RecordOutcome: exit.recordOutcomeData,
  DischargeParticipant: exit.dischargeParticipantData,
  ReEngageParticipant: exit.reEngageParticipantData,
  CorrectEvent: exit.correctEventData,
  EraseParticipant: exit.eraseParticipantData,
};

const afterMonths = object({ months: integer(1, 120) });
const afterWeeks = object({ weeks: integer(1, 520) });
const checkpointAfter: Validator = (value, path, context) => {
  const offset = value as { months?: unknown } | null;
  (offset !== null && typeof offset === 'object' && 'months' in offset ? afterMonths : afterWeeks)(value, path, context);
};

/** A site's follow-up checkpoints after the start: what `SiteConfiguration.followUpSchedule` holds. */
export const siteSchedule = object({
  checkpoints: array(object({ checkpoint: literal('12-weeks', '26-weeks', '6-months', '52-weeks'), after: checkpointAfter }), { max: 12 }),
});

const commandContext = object(
  {
    participantId: identifier,
    actor: object({ userId: identifier, role: literal(...ACTOR_ROLES), organisation: identifier, site: identifier }),
    now: instant,
    correlationId: identifier,
  },
  { causationId: identifier, idempotencyKey: identifier, siteSchedule },
);

const problemsOf = (command: JourneyCommand, withPaths: boolean): FieldError[] => {
  const errors: FieldError[] = [];
  const raw = (command ?? {}) as { type?: unknown; context?: { participantId?: unknown; now?: unknown } };
  const validateData = DATA_VALIDATORS[raw.type as JourneyCommandType];
  if (validateData === undefined) return [{ field: 'type', message: 'is not a journey command' }];
  commandContext(raw.context, 'context', { errors, keyId: '', now: 0, withPaths });
  if (errors.length > 0) return errors;
  const now = isIsoInstant(raw.context?.now) ? toMillis(raw.context.now) : 0;
  validateData((raw as { data?: unknown }).data, 'data', {
    errors,
    keyId: participantKeyId(String(raw.context?.participantId)),
    now,
    withPaths,
  });
  return errors;
};

/**
 * Every field of the command, checked before any rule: a `ValidationFailed` lists them all at
 * once. A quick pass first; only a command with problems is checked again to name the fields.
 */
export const commandProblems = (command: JourneyCommand): FieldError[] =>
  problemsOf(command, false).length === 0 ? [] : problemsOf(command, true);

export const validateCommand = (command: JourneyCommand): void => {
  const errors = commandProblems(command);
  if (errors.length > 0) throw new ValidationFailed(errors);
};
