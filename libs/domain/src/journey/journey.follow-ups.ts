import { type FollowUp, type FollowUpFacts, followUpsAsOf, type SiteSchedule } from '../calendar/follow-up.schedule';
import type { IsoDate } from '../shared/iso-time.values';
import type { Checkpoint } from './exit.events';
import type { Journey } from './journey.state';

/** The follow-up facts of the participant's current episode, or null before any referral. */
export const followUpFactsOf = (journey: Journey): FollowUpFacts | null => {
  const episode = journey.episode;
  if (episode === null) return null;
  const recordedCheckpoints: Partial<Record<Checkpoint, 'reached' | 'not-reached'>> = {};
  for (const [checkpoint, recorded] of Object.entries(episode.outcomes)) {
    if (recorded) recordedCheckpoints[checkpoint as Checkpoint] = recorded.reached ? 'reached' : 'not-reached';
  }
  return {
    referredAt: episode.referredAt,
    firstContactAt: episode.firstContactAt,
    signedPlanOn: episode.start?.signedOn ?? null,
    startedAt: episode.start?.occurredAt ?? null,
    recordedCheckpoints,
    closedWithoutStart: !episode.open && episode.start === null,
  };
};

export const journeyFollowUpsAsOf = (journey: Journey, asOf: IsoDate, schedule?: SiteSchedule): FollowUp[] => {
  const facts = followUpFactsOf(journey);
  return facts === null || journey.erased ? [] : followUpsAsOf(facts, asOf, schedule);
};
