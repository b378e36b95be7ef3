import { londonDateOf, siteScheduleOn, type IsoDate, type Journey, type JourneyCommand, type SiteRegistry } from '@workwell/domain';

/**
 * The site and London day whose configuration governs a command: a referral's own site and day;
 * otherwise the journey's site on the day of the start (the first agreed plan), or of the referral
 * before a start. A follow-up schedule is the one in force when the participant started, so a
 * configuration valid from a later day changes the next participants, not the ones already started.
 */
export const scheduleBasisOf = (command: JourneyCommand, journey: Journey): { siteId: string; day: IsoDate } | null => {
  if (command.type === 'ReferParticipant') return { siteId: command.data.siteId, day: londonDateOf(command.data.occurredAt) };
  const episode = journey.episode;
  if (episode === null) return null;
  return { siteId: episode.siteId, day: londonDateOf(episode.start?.occurredAt ?? episode.referredAt) };
};

/** The command with its site's follow-up schedule in its context, unless the caller set one already. */
export const withSiteSchedule = <C extends JourneyCommand>(command: C, journey: Journey, registry: SiteRegistry | undefined): C => {
  if (registry === undefined || command.context.siteSchedule !== undefined) return command;
  const basis = scheduleBasisOf(command, journey);
  if (basis === null) return command;
  return { ...command, context: { ...command.context, siteSchedule: siteScheduleOn(registry, basis.siteId, basis.day) } };
};
