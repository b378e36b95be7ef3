import { DEFAULT_SITE_SCHEDULE } from '../calendar/follow-up.schedule';
import { participantKeyId } from '../personal-data/sealed.personal-data';
import { toMillis } from '../shared/iso-time.values';
import type { CorrectEvent, DischargeParticipant, EraseParticipant, ReEngageParticipant, RecordOutcome } from './journey.commands';
import type { JourneyEvent, JourneyEventType } from './journey.events';
import { dayInWords, refuse, requireReferral } from './journey.guards';
import { eventAtVersion, type Journey } from './journey.state';

const SCHEDULED_CHECKPOINTS: readonly string[] = ['12-weeks', '26-weeks', '6-months', '52-weeks'];

/** Outcomes follow a start or a discharge that had happened by then, one per checkpoint unless the earlier one was corrected. */
export const recordOutcome = (command: RecordOutcome, journey: Journey): JourneyEvent[] => {
  const episode = requireReferral(journey);
  const checkpoint = command.data.checkpoint.code;
  const at = toMillis(command.data.occurredAt);
  const discharged = episode.dischargedAt !== null && episode.dischargedAt <= at;
  if (checkpoint === 'discharge') {
    if (!discharged)
      refuse('DISCHARGE_CHECKPOINT_NEEDS_DISCHARGE', 'A discharge outcome can only be recorded once the participant has been discharged.');
  } else if (!discharged && (episode.start === null || toMillis(episode.start.occurredAt) > at)) {
    refuse(
      'OUTCOME_BEFORE_START',
      'Outcomes can only be recorded after the participant has started (agreed their first action plan) or been discharged.',
    );
  }
  const schedule = command.context.siteSchedule ?? DEFAULT_SITE_SCHEDULE;
  if (SCHEDULED_CHECKPOINTS.includes(checkpoint) && !schedule.checkpoints.some((scheduled) => scheduled.checkpoint === checkpoint)) {
    refuse(
      'CHECKPOINT_NOT_IN_SCHEDULE',
      `This site does not follow participants up at ${checkpoint.replace('-', ' ')}: record it as an "other" outcome.`,
    );
  }
  const earlier = episode.outcomes[checkpoint];
  if (earlier !== undefined) {
    refuse(
      'CHECKPOINT_ALREADY_RECORDED',
      `The ${checkpoint.replace('-', ' ')} outcome was already recorded on ${dayInWords(earlier.at)}: correct that one first if it was wrong.`,
    );
  }
  return [{ type: 'OutcomeRecorded', data: command.data }];
};

export const dischargeParticipant = (command: DischargeParticipant, journey: Journey): JourneyEvent[] => {
  const episode = requireReferral(journey);
  if (!episode.open) {
    refuse(
      'JOURNEY_NOT_OPEN',
      episode.triage === 'accepted'
        ? 'The participant has already been discharged.'
        : 'The referral was closed at triage: there is nobody to discharge.',
    );
  }
  return [{ type: 'ParticipantDischarged', data: command.data }];
};

export const reEngageParticipant = (command: ReEngageParticipant, journey: Journey): JourneyEvent[] => {
  const episode = requireReferral(journey);
  if (episode.open || episode.dischargedAt === null || episode.triage !== 'accepted') {
    refuse('NOT_DISCHARGED', 'Only a discharged participant can be re-engaged.');
  }
  if (episode.dischargedAt !== null && toMillis(command.data.occurredAt) < episode.dischargedAt) {
    refuse('REENGAGED_BEFORE_DISCHARGE', `The participant cannot re-engage before their discharge on ${dayInWords(episode.dischargedAt)}.`);
  }
  return [{ type: 'ParticipantReEngaged', data: command.data }];
};

/** Facts that cannot be retracted: the referral opens the stream, and sharings are audit records of what left the service. */
export const NOT_CORRECTABLE: readonly JourneyEventType[] = [
  'ParticipantReferred',
  'EventCorrected',
  'ParticipantErased',
  'DataShared',
  'DataSharingBlocked',
];

export const correctEvent = (command: CorrectEvent, journey: Journey): JourneyEvent[] => {
  requireReferral(journey);
  const { correctedVersion, correctedType } = command.data;
  const target = eventAtVersion(journey, correctedVersion);
  if (target === undefined)
    return refuse('CORRECTED_EVENT_NOT_FOUND', `There is no event number ${correctedVersion} in this participant's record.`);
  if (target.type !== correctedType) {
    refuse(
      'CORRECTED_EVENT_MISMATCH',
      `Event number ${correctedVersion} is a ${target.type}, not a ${correctedType}: check which entry you mean to correct.`,
    );
  }
  if (NOT_CORRECTABLE.includes(target.type)) refuse('NOT_CORRECTABLE', `A ${target.type} cannot be corrected: it stays as recorded.`);
  if (journey.retracted.includes(correctedVersion))
    refuse('ALREADY_CORRECTED', `Event number ${correctedVersion} has already been corrected.`);
  return [{ type: 'EventCorrected', data: command.data }];
};

/** The events stay; the key id tells the key store which data key to destroy. */
export const eraseParticipant = (command: EraseParticipant, journey: Journey): JourneyEvent[] => {
  requireReferral(journey);
  return [{ type: 'ParticipantErased', data: { ...command.data, keyId: participantKeyId(command.context.participantId) } }];
};
