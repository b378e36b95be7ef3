export {
  type ConfigurationChange,
  IdempotencyKeyUsedElsewhere,
  loadSiteRegistry,
  recordSiteConfiguration,
  recordSiteConfigurationChange,
  type RecordedChange,
} from './site-configurations';
export { SiteRegistryCache, type SiteRegistrySource } from './site-registry.cache';
