import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { JourneyRuleBroken, type JourneyRuleCode } from '../shared/domain.errors';
import { toIsoInstant, toMillis } from '../shared/iso-time.values';
import type { Episode, Journey } from './journey.state';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day as a coach reads it: `3 March 2025`. */
export const dayInWords = (millis: number): string => {
  const [year, month, day] = londonDateOf(toIsoInstant(millis)).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
};

export const refuse = (code: JourneyRuleCode, sentence: string): never => {
  throw new JourneyRuleBroken(code, sentence);
};

export const requireNotErased = (journey: Journey): void => {
  if (journey.erased)
    refuse('PARTICIPANT_ERASED', "This participant's personal data has been erased: nothing more can be recorded for them.");
};

export const requireReferral = (journey: Journey): Episode => {
  if (journey.episode === null) return refuse('NOT_REFERRED', 'This participant has not been referred yet: record the referral first.');
  return journey.episode;
};

/** No business time before the participant's first referral: nothing can have happened to them in the service before it. */
export const requireNotBeforeReferral = (journey: Journey, occurredAt: string, what: string): void => {
  if (journey.firstReferredAt !== null && toMillis(occurredAt) < journey.firstReferredAt) {
    refuse('OCCURRED_BEFORE_REFERRAL', `The ${what} cannot be dated before the referral on ${dayInWords(journey.firstReferredAt)}.`);
  }
};

export const requireAcceptedTriage = (episode: Episode, what: string): void => {
  if (episode.triage === 'pending') refuse('TRIAGE_NOT_ACCEPTED', `The referral has not been triaged yet, so no ${what} can be recorded.`);
  if (episode.triage !== 'accepted')
    refuse(
      'TRIAGE_NOT_ACCEPTED',
      `The referral was not accepted at triage, so no ${what} can be recorded. Re-refer the participant if things have changed.`,
    );
};

export const requireOpen = (episode: Episode, what: string): void => {
  if (episode.open) return;
  if (episode.triage === 'accepted')
    refuse('JOURNEY_CLOSED', `The participant has been discharged, so no ${what} can be recorded. Re-engage them first.`);
  refuse(
    'JOURNEY_CLOSED',
    `The referral was closed at triage, so no ${what} can be recorded. Re-refer the participant if things have changed.`,
  );
};

/** Accepted at triage and not discharged: the participant is on the caseload. */
export const requireActive = (journey: Journey, what: string): Episode => {
  const episode = requireReferral(journey);
  requireAcceptedTriage(episode, what);
  requireOpen(episode, what);
  return episode;
};
