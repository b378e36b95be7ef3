import {
  episodeScheduleOf,
  londonDateOf,
  siteScheduleOn,
  type Journey,
  type JourneyCommand,
  type SiteRegistry,
  type SiteSchedule,
} from '@workwell/domain';

/**
 * The schedule a command is decided with: a referral's own site on its day; otherwise the
 * journey's site as configured on the start (the first agreed plan), or the referral before a
 * start (see `episodeScheduleOf`). Null for a stream with no referral (the command is refused).
 */
const scheduleFor = (command: JourneyCommand, journey: Journey, registry: SiteRegistry): SiteSchedule | null => {
  if (command.type === 'ReferParticipant') return siteScheduleOn(registry, command.data.siteId, londonDateOf(command.data.occurredAt));
  return journey.episode === null ? null : episodeScheduleOf(registry, journey.episode);
};

/** The command with its site's follow-up schedule in its context, unless the caller set one already. */
export const withSiteSchedule = <C extends JourneyCommand>(command: C, journey: Journey, registry: SiteRegistry | undefined): C => {
  if (registry === undefined || command.context.siteSchedule !== undefined) return command;
  const siteSchedule = scheduleFor(command, journey, registry);
  return siteSchedule === null ? command : { ...command, context: { ...command.context, siteSchedule } };
};
