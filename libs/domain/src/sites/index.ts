export * from './site-configuration.types';
export * from './site-registry';
export { siteConfigurationProblems, validateSiteConfiguration } from './site-configuration.validators';
export { episodeScheduleOf, scheduleDayOf } from './episode-schedule';
