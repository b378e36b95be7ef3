import type { SiteSchedule } from '../calendar/follow-up.schedule';
import type { Actor } from '../journey/journey.commands';
import type { IsoDate, IsoInstant } from '../shared/iso-time.values';

/** Every site's configuration is kept in one stream: each change is an event, auditable and versioned. */
export const SITE_CONFIGURATIONS_STREAM = 'site-configurations';

/** A part of a vanguard's area that reports to it (a borough, a place). */
export interface Locality {
  readonly id: string;
  readonly name: string;
}

/**
 * An organisation that delivers the service at the site. `id` is the organisation code that its
 * users' tokens carry: a referral belongs to the locality of the organisation that recorded it.
 */
export interface DeliveryOrganisation {
  readonly id: string;
  readonly name: string;
  readonly localityId: string;
}

/** Which referrals fall in a target cohort: every field given must match (codes as recorded). */
export interface CohortRule {
  readonly employmentStatusAtReferral?: readonly string[];
  readonly referralSource?: readonly string[];
  readonly primaryHealthBarrier?: readonly string[];
  readonly fitNoteHeld?: boolean;
  readonly ageBand?: readonly string[];
}

/** A target cohort of the site, e.g. Greater Manchester's "cohort 1: unemployed before referral". */
export interface TargetCohort {
  readonly id: string;
  readonly label: string;
  readonly rule: CohortRule;
}

/** How a site runs, from `validFrom` (a London date) until a later configuration takes over. */
export interface SiteConfiguration {
  readonly siteId: string;
  readonly name: string;
  /** The vanguard the site rolls up to; a vanguard's own site names itself. */
  readonly vanguard: string;
  readonly validFrom: IsoDate;
  readonly localities: readonly Locality[];
  readonly deliveryOrganisations: readonly DeliveryOrganisation[];
  readonly followUpSchedule: SiteSchedule;
  /** Tried in order: a referral is in the first cohort whose rule it matches. */
  readonly cohorts: readonly TargetCohort[];
  /** Starts the site is funded for, by financial-year quarter label (`Q3 24/25`). */
  readonly quarterlyStartTargets: Readonly<Record<string, number>>;
}

export interface SiteConfiguredData extends SiteConfiguration {
  readonly occurredAt: IsoInstant;
  readonly recordedBy: Actor;
}

export interface SiteConfigured {
  readonly type: 'SiteConfigured';
  readonly data: SiteConfiguredData;
}

/** A configuration as the store holds it: when it was recorded and where. */
export interface RecordedSiteConfiguration extends SiteConfiguredData {
  readonly recordedAt: IsoInstant;
  readonly position: number;
  readonly version: number;
}

/** Every configuration recorded, in store order. Plain data: it crosses worker threads. */
export interface SiteRegistry {
  readonly configurations: readonly RecordedSiteConfiguration[];
}
