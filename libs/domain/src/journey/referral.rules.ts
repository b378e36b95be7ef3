import { toMillis } from '../shared/iso-time.values';
import type { RecordContactAttempt, RecordFirstAppointment, ReferParticipant, TriageReferral } from './journey.commands';
import type { JourneyEvent } from './journey.events';
import { dayInWords, refuse, requireActive, requireOpen, requireReferral } from './journey.guards';
import type { Journey } from './journey.state';

/** A first referral, or a re-referral once the previous one was closed at triage or by discharge. */
export const referParticipant = (command: ReferParticipant, journey: Journey): JourneyEvent[] => {
  const episode = journey.episode;
  if (episode !== null && episode.open) {
    refuse('ALREADY_REFERRED', 'This participant already has an open referral: record what happens next on it, or discharge them first.');
  }
  if (episode?.closedAt != null && toMillis(command.data.occurredAt) < episode.closedAt) {
    refuse(
      'REFERRED_BEFORE_PREVIOUS_CLOSED',
      `A new referral cannot be dated before the previous one was closed on ${dayInWords(episode.closedAt)}.`,
    );
  }
  return [{ type: 'ParticipantReferred', data: command.data }];
};

/** Triage happens once per referral; a mistaken triage is corrected, not triaged again. */
export const triageReferral = (command: TriageReferral, journey: Journey): JourneyEvent[] => {
  const episode = requireReferral(journey);
  if (episode.triage !== 'pending') {
    refuse(
      'ALREADY_TRIAGED',
      'This referral has already been triaged. Correct the triage if it was wrong, or re-refer the participant if their situation has changed.',
    );
  }
  if (toMillis(command.data.occurredAt) < toMillis(episode.referredAt)) {
    refuse('OCCURRED_BEFORE_REFERRAL', `The triage cannot be dated before the referral on ${dayInWords(toMillis(episode.referredAt))}.`);
  }
  const { eligibility, decision } = command.data;
  const eligible =
    eligibility.workingAge &&
    eligibility.healthConditionOrDisability &&
    eligibility.inWorkOrRecentlyOutOfWork &&
    eligibility.livesOrRegisteredWithGpInArea;
  if (decision.code === 'accepted' && !eligible) {
    refuse(
      'ELIGIBILITY_NOT_MET',
      'The referral cannot be accepted while an eligibility answer is "no": record it as not eligible or redirected instead.',
    );
  }
  return [{ type: 'ReferralTriaged', data: command.data }];
};

export const recordContactAttempt = (command: RecordContactAttempt, journey: Journey): JourneyEvent[] => {
  requireOpen(requireReferral(journey), 'contact attempt');
  return [{ type: 'ContactAttempted', data: command.data }];
};

export const recordFirstAppointment = (command: RecordFirstAppointment, journey: Journey): JourneyEvent[] => {
  const episode = requireActive(journey, 'first appointment');
  if (episode.firstAppointmentAt !== null) {
    refuse(
      'FIRST_APPOINTMENT_ALREADY_HELD',
      `The first appointment was already recorded on ${dayInWords(episode.firstAppointmentAt)}: record later meetings as coaching sessions.`,
    );
  }
  return [{ type: 'FirstAppointmentHeld', data: command.data }];
};
