import type { SiteSchedule } from '../calendar/follow-up.schedule';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import type { SiteRegistry } from './site-configuration.types';
import { siteScheduleOn } from './site-registry';

/** What the schedule of an episode depends on: a journey's episode and the reporting facts both have it. */
export interface ScheduledEpisode {
  readonly siteId: string;
  readonly referredAt: IsoInstant;
  readonly start: { readonly occurredAt: IsoInstant } | null;
}

/**
 * The London day whose configuration governs an episode's follow-ups: its start (the first agreed
 * plan), or its referral before a start. A configuration valid from a later day changes the
 * participants who start from then on, not those already started.
 */
export const scheduleDayOf = (episode: Omit<ScheduledEpisode, 'siteId'>): IsoDate =>
  londonDateOf(episode.start?.occurredAt ?? episode.referredAt);

/** The follow-up schedule of an episode: its site's, as configured on its start (or referral) day. */
export const episodeScheduleOf = (registry: SiteRegistry, episode: ScheduledEpisode): SiteSchedule =>
  siteScheduleOn(registry, episode.siteId, scheduleDayOf(episode));
