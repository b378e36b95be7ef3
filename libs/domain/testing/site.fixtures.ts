import type { SiteSchedule } from '../src/calendar/follow-up.schedule';
import type { SiteConfiguration, SiteRegistry } from '../src/sites/site-configuration.types';

const ADMIN = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;

/** A site's configuration for tests: one locality, one delivery organisation, the given changes. */
export const siteConfiguration = (siteId: string, change: Partial<SiteConfiguration> = {}): SiteConfiguration => ({
  siteId,
  name: siteId,
  vanguard: siteId,
  validFrom: '2020-01-01',
  localities: [{ id: `${siteId}-central`, name: 'Central' }],
  deliveryOrganisations: [{ id: `${siteId}-org`, name: 'Delivery', localityId: `${siteId}-central` }],
  followUpSchedule: {
    checkpoints: [
      { checkpoint: '12-weeks', after: { weeks: 12 } },
      { checkpoint: '26-weeks', after: { weeks: 26 } },
      { checkpoint: '52-weeks', after: { weeks: 52 } },
    ],
  },
  cohorts: [],
  quarterlyStartTargets: {},
  ...change,
});

/** A registry of configurations as if recorded in this order (positions 1, 2, ...; recorded 2020-01-01). */
export const siteRegistryOfConfigurations = (configurations: readonly SiteConfiguration[]): SiteRegistry => ({
  configurations: configurations.map((configuration, index) => ({
    ...configuration,
    occurredAt: '2020-01-01T00:00:00.000Z',
    recordedBy: ADMIN,
    recordedAt: '2020-01-01T00:00:00.000Z',
    position: index + 1,
    version: index + 1,
  })),
});

/** Sites whose only configured difference is their follow-up schedule. */
export const sitesWithSchedules = (schedules: Readonly<Record<string, SiteSchedule>>): SiteRegistry =>
  siteRegistryOfConfigurations(
    Object.entries(schedules).map(([siteId, followUpSchedule]) => siteConfiguration(siteId, { followUpSchedule })),
  );
