export { type ConfigurationChange, loadSiteRegistry, recordSiteConfiguration } from './site-configurations';
export { SiteRegistryCache, type SiteRegistrySource } from './site-registry.cache';
