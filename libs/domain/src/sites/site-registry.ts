import { DEFAULT_SITE_SCHEDULE, type SiteSchedule } from '../calendar/follow-up.schedule';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import { toMillis } from '../shared/iso-time.values';
import { financialQuarterBounds } from '../reporting/reporting-period.values';
import type {
  RecordedSiteConfiguration,
  SiteConfiguration,
  SiteConfiguredData,
  SiteRegistry,
  TargetCohort,
} from './site-configuration.types';

export const EMPTY_SITE_REGISTRY: SiteRegistry = { configurations: [] };

/** The events of the configuration stream, as stored. */
export interface StoredSiteEvent {
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: IsoInstant;
  readonly position: number;
  readonly version: number;
}

export const siteRegistryOf = (events: readonly StoredSiteEvent[]): SiteRegistry => ({
  configurations: events
    .filter((event) => event.type === 'SiteConfigured')
    .map((event) => ({
      ...(event.data as SiteConfiguredData),
      recordedAt: event.recordedAt,
      position: event.position,
      version: event.version,
    })),
});

/** The registry as it was known at a cut of the store: what a report as of that point used. */
export const siteRegistryKnownAt = (
  registry: SiteRegistry,
  cut: { readonly position?: number; readonly recordedAt?: IsoInstant },
): SiteRegistry => {
  const limit = cut.recordedAt === undefined ? undefined : toMillis(cut.recordedAt);
  const known = registry.configurations.filter(
    (entry) =>
      (cut.position === undefined || entry.position <= cut.position) && (limit === undefined || toMillis(entry.recordedAt) <= limit),
  );
  return known.length === registry.configurations.length ? registry : { configurations: known };
};

/** The site ids configured, sorted. */
export const configuredSiteIds = (registry: SiteRegistry): string[] =>
  [...new Set(registry.configurations.map((entry) => entry.siteId))].sort();

/** Every configuration of a site, in the order recorded. */
export const siteHistory = (registry: SiteRegistry, siteId: string): RecordedSiteConfiguration[] =>
  registry.configurations.filter((entry) => entry.siteId === siteId);

/**
 * The configuration in force at a site on a London date: of those valid from that day or
 * earlier, the latest `validFrom`, and of equal ones the last recorded. Null before the first.
 */
export const siteConfigurationOn = (registry: SiteRegistry, siteId: string, day: IsoDate): RecordedSiteConfiguration | null => {
  let found: RecordedSiteConfiguration | null = null;
  for (const entry of registry.configurations) {
    if (entry.siteId !== siteId || entry.validFrom > day) continue;
    if (found === null || entry.validFrom >= found.validFrom) found = entry;
  }
  return found;
};

/** The site's configuration now in force or, failing one, the first it will have. */
export const currentSiteConfiguration = (registry: SiteRegistry, siteId: string, day: IsoDate): RecordedSiteConfiguration | null =>
  siteConfigurationOn(registry, siteId, day) ??
  siteHistory(registry, siteId).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0] ??
  null;

/** The follow-up schedule a site had on a day: the national 12/26/52 weeks where none is configured. */
export const siteScheduleOn = (registry: SiteRegistry, siteId: string, day: IsoDate): SiteSchedule =>
  siteConfigurationOn(registry, siteId, day)?.followUpSchedule ?? DEFAULT_SITE_SCHEDULE;

/** What a cohort rule is matched against: the referral's codes. */
export interface CohortFacts {
  readonly employmentStatusAtReferral: string;
  readonly referralSource: string;
  readonly primaryHealthBarrier: string | null;
  readonly fitNoteHeld: boolean;
  readonly ageBand: string;
}

const matches = (cohort: TargetCohort, facts: CohortFacts): boolean => {
  const { rule } = cohort;
  const within = (allowed: readonly string[] | undefined, value: string | null): boolean =>
    allowed === undefined || (value !== null && allowed.includes(value));
  return (
    within(rule.employmentStatusAtReferral, facts.employmentStatusAtReferral) &&
    within(rule.referralSource, facts.referralSource) &&
    within(rule.primaryHealthBarrier, facts.primaryHealthBarrier) &&
    within(rule.ageBand, facts.ageBand) &&
    (rule.fitNoteHeld === undefined || rule.fitNoteHeld === facts.fitNoteHeld)
  );
};

/** Outside every target cohort (or at a site that has none). */
export const NO_COHORT = 'none';
/** Recorded by an organisation the site's configuration does not name. */
export const UNKNOWN_LOCALITY = 'unknown';

/** The first target cohort whose rule the referral matches. */
export const cohortOf = (configuration: SiteConfiguration | null, facts: CohortFacts): string =>
  configuration?.cohorts.find((cohort) => matches(cohort, facts))?.id ?? NO_COHORT;

/** The locality of the delivery organisation that recorded the referral. */
export const localityOf = (configuration: SiteConfiguration | null, organisation: string | null): string =>
  configuration?.deliveryOrganisations.find((delivery) => delivery.id === organisation)?.localityId ?? UNKNOWN_LOCALITY;

/** The vanguard a site rolls up to: itself when it is not configured. */
export const vanguardOf = (registry: SiteRegistry, siteId: string, day: IsoDate): string =>
  currentSiteConfiguration(registry, siteId, day)?.vanguard ?? siteId;

/**
 * The starts a site is funded for in a financial quarter (`Q3 24/25`), as the configuration in
 * force on the quarter's last day sets them; null when none is set.
 */
export const startTargetOf = (registry: SiteRegistry, siteId: string, financialQuarter: string): number | null => {
  const { last } = financialQuarterBounds(financialQuarter);
  return siteConfigurationOn(registry, siteId, last)?.quarterlyStartTargets[financialQuarter] ?? null;
};
