export * from './site-configuration.types';
export * from './site-registry';
export { siteConfigurationProblems, validateSiteConfiguration } from './site-configuration.validators';
export { episodeScheduleOf, scheduleDayOf, type ScheduledEpisode } from './episode-schedule';
