import type { Coded } from '../code-lists/code-list.types';
import type { OutcomeRecordedData, ParticipantDischargedData } from '../journey/exit.events';
import { PARTICIPANT_STREAM_PREFIX } from '../journey/journey.commands';
import type { JourneyEventType } from '../journey/journey.events';
import type { RecordedJourneyEvent } from '../journey/journey.metadata';
import type {
  FirstAppointmentHeldData,
  ParticipantReferred,
  ParticipantReferredData,
  ReferralTriagedData,
} from '../journey/referral.events';
import type { ActionPlanAgreedData, AssessmentCompletedData, Measure } from '../journey/support.events';
import { assertNever } from '../shared/assert-never';
import { type IsoInstant, toMillis } from '../shared/iso-time.values';

/** A scored questionnaire, as the evaluation reads it. */
export interface WellbeingScore {
  readonly instrument: string;
  readonly score: number;
}

/** An outcome as the facts keep it: what was observed, and when it was recorded. */
export interface OutcomeFact {
  readonly version: number;
  readonly recordedAt: IsoInstant;
  readonly data: OutcomeRecordedData;
}

/**
 * The reporting facts of one episode: of the non-retracted events that shape its outcome
 * record, exactly the fields the record reads (the outcome read model stores them, and a
 * replay holds one participant's at a time), so never a personal detail or a free-text note.
 */
export interface EpisodeFacts {
  readonly participantId: string;
  readonly number: number;
  readonly referral: {
    readonly version: number;
    readonly position: number;
    readonly data: Pick<
      ParticipantReferredData,
      'siteId' | 'occurredAt' | 'referralSource' | 'employmentAtReferral' | 'demographics' | 'referringOrganisation'
    >;
    /** The organisation of whoever recorded the referral: the delivery organisation. Null when the read left actors out. */
    readonly recordedBy: string | null;
  };
  readonly triage: Pick<ReferralTriagedData, 'decision'> | null;
  readonly firstContactAt: IsoInstant | null;
  readonly firstAppointment: Pick<FirstAppointmentHeldData, 'occurredAt' | 'employmentStatus'> | null;
  /** The first assessment: the baseline. */
  readonly assessment:
    | (Pick<AssessmentCompletedData, 'primaryHealthBarrier'> & {
        /** The first non-health barrier listed: coaches list the main one first. */
        readonly primaryNonHealthBarrier: Coded | null;
        /** The first scored baseline questionnaire. */
        readonly baselineWellbeing: WellbeingScore | null;
      })
    | null;
  readonly start: Pick<ActionPlanAgreedData, 'occurredAt' | 'signedByParticipantOn' | 'planType'> | null;
  readonly onwardServices: readonly Coded[];
  readonly employerLiaison: boolean;
  readonly sharingsBlocked: number;
  readonly outcomes: readonly OutcomeFact[];
  /** The last discharge, and the version it was recorded at. */
  readonly discharge: {
    readonly data: Pick<ParticipantDischargedData, 'occurredAt' | 'reason' | 'satisfaction'>;
    readonly version: number;
  } | null;
  /** As the journey state has it: open from referral, closed at a non-accepted triage or a discharge, reopened by re-engagement. */
  readonly open: boolean;
  readonly erased: boolean;
  readonly lastPosition: number;
  readonly lastVersion: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const participantIdOf = (streamId: string): string =>
  streamId.startsWith(PARTICIPANT_STREAM_PREFIX) ? streamId.slice(PARTICIPANT_STREAM_PREFIX.length) : streamId;

const newEpisode = (referral: RecordedJourneyEvent<ParticipantReferred>, number: number): Mutable<EpisodeFacts> => ({
  participantId: participantIdOf(referral.streamId),
  number,
  referral: {
    version: referral.version,
    position: referral.position,
    data: {
      siteId: referral.data.siteId,
      occurredAt: referral.data.occurredAt,
      referralSource: referral.data.referralSource,
      employmentAtReferral: referral.data.employmentAtReferral,
      demographics: referral.data.demographics,
      referringOrganisation: referral.data.referringOrganisation ?? null,
    },
    recordedBy: referral.metadata?.actor?.organisation ?? null,
  },
  triage: null,
  firstContactAt: null,
  firstAppointment: null,
  assessment: null,
  start: null,
  onwardServices: [],
  employerLiaison: false,
  sharingsBlocked: 0,
  outcomes: [],
  discharge: null,
  open: true,
  erased: false,
  lastPosition: referral.position,
  lastVersion: referral.version,
});

/** The first questionnaire with a score (ONS4 has none: its items are reported one by one). */
export const scoreOf = (measures: readonly Measure[]): WellbeingScore | null => {
  const scored = measures.find((measure) => measure.score !== null);
  return scored === undefined || scored.score === null ? null : { instrument: scored.instrument.code, score: scored.score };
};

const earlier = (current: IsoInstant | null, candidate: IsoInstant): IsoInstant =>
  current === null || toMillis(candidate) < toMillis(current) ? candidate : current;

const apply = (episode: Mutable<EpisodeFacts>, event: RecordedJourneyEvent): void => {
  switch (event.type) {
    case 'ReferralTriaged':
      episode.triage = { decision: event.data.decision };
      episode.open = event.data.decision.code === 'accepted';
      return;
    case 'ContactAttempted':
      if (event.data.outcome.code !== 'no-answer') episode.firstContactAt = earlier(episode.firstContactAt, event.data.occurredAt);
      return;
    case 'FirstAppointmentHeld':
      episode.firstAppointment = { occurredAt: event.data.occurredAt, employmentStatus: event.data.employmentStatus };
      episode.firstContactAt = earlier(episode.firstContactAt, event.data.occurredAt);
      return;
    case 'AssessmentCompleted':
      episode.assessment ??= {
        primaryHealthBarrier: event.data.primaryHealthBarrier,
        primaryNonHealthBarrier: event.data.nonHealthBarriers[0] ?? null,
        baselineWellbeing: scoreOf(event.data.baselineMeasures),
      };
      return;
    case 'ActionPlanAgreed':
      episode.start ??= {
        occurredAt: event.data.occurredAt,
        signedByParticipantOn: event.data.signedByParticipantOn,
        planType: event.data.planType,
      };
      return;
    case 'OnwardReferralMade':
      episode.onwardServices = [...episode.onwardServices, event.data.service];
      return;
    case 'EmployerLiaisonRecorded':
      episode.employerLiaison = true;
      return;
    case 'DataSharingBlocked':
      episode.sharingsBlocked += 1;
      return;
    case 'OutcomeRecorded':
      episode.outcomes = [...episode.outcomes, { version: event.version, recordedAt: event.recordedAt, data: event.data }];
      return;
    case 'ParticipantDischarged':
      episode.discharge = {
        data: { occurredAt: event.data.occurredAt, reason: event.data.reason, satisfaction: event.data.satisfaction },
        version: event.version,
      };
      episode.open = false;
      return;
    case 'ParticipantReEngaged':
      episode.open = true;
      return;
    case 'ParticipantReferred':
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
    case 'ActionPlanReviewed':
    case 'CoachingSessionHeld':
    case 'OnwardReferralOutcomeRecorded':
    case 'DataShared':
    case 'EventCorrected':
    case 'ParticipantErased':
      return;
    default:
      assertNever(event);
  }
};

/**
 * The event types whose data the episode facts read; of every other event they use only its
 * place in the stream (version, position), so a replay may read those without their data.
 */
export const EPISODE_FACT_TYPES: readonly JourneyEventType[] = [
  'ParticipantReferred',
  'ReferralTriaged',
  'ContactAttempted',
  'FirstAppointmentHeld',
  'AssessmentCompleted',
  'ActionPlanAgreed',
  'OnwardReferralMade',
  'OutcomeRecorded',
  'ParticipantDischarged',
  'EventCorrected',
];

const touch = (episode: Mutable<EpisodeFacts>, event: RecordedJourneyEvent): void => {
  episode.lastPosition = Math.max(episode.lastPosition, event.position);
  episode.lastVersion = Math.max(episode.lastVersion, event.version);
};

/**
 * The episodes of one participant's stream, from all its events up to some point (a prefix of
 * the stream, in any order). A correction retracts its target wherever it sits, which is the same
 * as folding the stream without the retracted events: corrections themselves cannot be corrected.
 */
export const episodeFactsOf = (streamEvents: readonly RecordedJourneyEvent[]): EpisodeFacts[] => {
  // Streams are read in version order: sorting a copy of every one was a replay's waste.
  const inOrder = streamEvents.every((event, index) => index === 0 || streamEvents[index - 1].version < event.version);
  const events = inOrder ? streamEvents : [...streamEvents].sort((a, b) => a.version - b.version);
  const retracted = new Set<number>();
  for (const event of events) if (event.type === 'EventCorrected') retracted.add(event.data.correctedVersion);
  const episodes: Mutable<EpisodeFacts>[] = [];
  const episodeOfVersion = new Map<number, Mutable<EpisodeFacts>>();
  let erased = false;
  for (const event of events) {
    if (event.type === 'ParticipantReferred')
      episodes.push(newEpisode(event as RecordedJourneyEvent<ParticipantReferred>, episodes.length + 1));
    const current = episodes.at(-1);
    if (current === undefined) continue;
    episodeOfVersion.set(event.version, current);
    touch(current, event);
    if (event.type === 'EventCorrected') {
      const target = episodeOfVersion.get(event.data.correctedVersion);
      if (target !== undefined) touch(target, event);
    }
    if (event.type === 'ParticipantErased') erased = true;
    if (!retracted.has(event.version)) apply(current, event);
  }
  return episodes.map((episode) => ({ ...episode, erased }));
};
