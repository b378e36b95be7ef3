import { toMillis } from '../shared/iso-time.values';
import { assertNever } from '../shared/assert-never';
import { JOURNEY_EVENT_TYPES, type JourneyEvent, type JourneyEventType } from './journey.events';
import { type Episode, initialState, type Journey } from './journey.state';

const newEpisode = (previous: Episode | null, siteId: string, referredAt: string): Episode => ({
  number: (previous?.number ?? 0) + 1,
  siteId,
  referredAt,
  triage: 'pending',
  open: true,
  dischargedAt: null,
  closedAt: null,
  firstContactAt: null,
  firstAppointmentAt: null,
  assessed: false,
  plans: [],
  start: null,
  outcomes: {},
  onwardReferralIds: [],
});

const earlier = (current: string | null, candidate: string): string =>
  current === null || toMillis(candidate) < toMillis(current) ? candidate : current;

const inEpisode = (journey: Journey, change: (episode: Episode) => Episode): Journey =>
  journey.episode === null ? journey : { ...journey, episode: change(journey.episode) };

/** The effect of one non-correction event on the facts the rules look at. Never throws. */
const applyFact = (journey: Journey, event: JourneyEvent, version: number): Journey => {
  switch (event.type) {
    case 'ParticipantReferred': {
      const at = toMillis(event.data.occurredAt);
      return {
        ...journey,
        firstReferredAt: journey.firstReferredAt === null ? at : Math.min(journey.firstReferredAt, at),
        episode: newEpisode(journey.episode, event.data.siteId, event.data.occurredAt),
      };
    }
    case 'ReferralTriaged': {
      const decision = event.data.decision.code;
      const closedAt = decision === 'accepted' ? null : toMillis(event.data.occurredAt);
      return inEpisode(journey, (episode) => ({ ...episode, triage: decision, open: decision === 'accepted', closedAt }));
    }
    case 'ContactAttempted':
      if (event.data.outcome.code === 'no-answer') return journey;
      return inEpisode(journey, (episode) => ({ ...episode, firstContactAt: earlier(episode.firstContactAt, event.data.occurredAt) }));
    case 'FirstAppointmentHeld':
      return inEpisode(journey, (episode) => ({
        ...episode,
        firstAppointmentAt: toMillis(event.data.occurredAt),
        firstContactAt: earlier(episode.firstContactAt, event.data.occurredAt),
      }));
    case 'ConsentGiven':
    case 'ConsentWithdrawn': {
      const given = event.type === 'ConsentGiven';
      const expiresAt = event.type === 'ConsentGiven' && event.data.expiresAt ? toMillis(event.data.expiresAt) : null;
      const record = { version, scope: event.data.scope.code, given, at: toMillis(event.data.occurredAt), expiresAt };
      return { ...journey, consents: [...journey.consents, record] };
    }
    case 'AssessmentCompleted':
      return inEpisode(journey, (episode) => ({ ...episode, assessed: true }));
    case 'ActionPlanAgreed': {
      const { planId, goals, occurredAt, signedByParticipantOn } = event.data;
      const plan = { version, planId, goalIds: goals.map((goal) => goal.goalId), occurredAt, signedOn: signedByParticipantOn };
      return inEpisode(journey, (episode) => ({ ...episode, plans: [...episode.plans, plan], start: episode.start ?? plan }));
    }
    case 'OnwardReferralMade':
      return inEpisode(journey, (episode) => ({
        ...episode,
        onwardReferralIds: [...episode.onwardReferralIds, event.data.onwardReferralId],
      }));
    case 'OutcomeRecorded': {
      const checkpoint = event.data.checkpoint.code;
      if (checkpoint === 'other') return journey;
      const recorded = { version, at: toMillis(event.data.occurredAt), reached: event.data.result.reached };
      return inEpisode(journey, (episode) => ({ ...episode, outcomes: { ...episode.outcomes, [checkpoint]: recorded } }));
    }
    case 'ParticipantDischarged':
      return inEpisode(journey, (episode) => ({
        ...episode,
        open: false,
        dischargedAt: toMillis(event.data.occurredAt),
        closedAt: toMillis(event.data.occurredAt),
      }));
    case 'ParticipantReEngaged':
      // A later discharge is a new discharge with its own discharge outcome.
      return inEpisode(journey, (episode) => {
        const { discharge: _previousDischargeOutcome, ...outcomes } = episode.outcomes;
        return { ...episode, open: true, outcomes };
      });
    case 'ParticipantErased':
      return { ...journey, erased: true };
    case 'ActionPlanReviewed':
    case 'CoachingSessionHeld':
    case 'OnwardReferralOutcomeRecorded':
    case 'EmployerLiaisonRecorded':
    case 'DataShared':
    case 'DataSharingBlocked':
    case 'EventCorrected':
      return journey;
    default:
      return assertNever(event);
  }
};

// What `applyFact` leaves as it is: their place in the stream is all the journey keeps of them.
const WITHOUT_STATE: readonly JourneyEventType[] = [
  'ActionPlanReviewed',
  'CoachingSessionHeld',
  'OnwardReferralOutcomeRecorded',
  'EmployerLiaisonRecorded',
  'DataShared',
  'DataSharingBlocked',
];

/** The event types whose data the journey state reads; a fold may read the others without their data. */
export const JOURNEY_STATE_TYPES: readonly JourneyEventType[] = JOURNEY_EVENT_TYPES.filter((type) => !WITHOUT_STATE.includes(type));

const replayWithout = (journey: Journey, retracted: readonly number[]): Journey => {
  const entries = [];
  for (let entry = journey.history; entry !== null; entry = entry.previous) entries.push(entry);
  let replayed = initialState();
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const { event, version } = entries[i];
    if (!retracted.includes(version)) replayed = applyFact(replayed, event, version);
  }
  return replayed;
};

/**
 * Folds one stored event into the journey. A correction retracts the event it points at, so the
 * facts are rebuilt as if that event had never been recorded; the history keeps it all the same.
 */
export const evolve = (state: Journey, event: JourneyEvent): Journey => {
  const version = state.version + 1;
  const history = { event, version, previous: state.history };
  if (event.type === 'EventCorrected') {
    const retracted = [...state.retracted, event.data.correctedVersion];
    return { ...replayWithout({ ...state, history }, retracted), version, history, retracted };
  }
  return { ...applyFact(state, event, version), version, history };
};

export const evolveAll = (events: readonly JourneyEvent[], state: Journey = initialState()): Journey => events.reduce(evolve, state);
