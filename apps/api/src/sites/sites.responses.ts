import { arrayOf, date, instant, integer, mapOf, object, oneOfSchemas, position, ref, text, type SchemaMap } from '../http/openapi.schemas';

const id = (description?: string) => text(description, { pattern: '^[A-Za-z0-9._:@/-]{1,128}$', maxLength: 128 });
const name = (description?: string) => text(description, { minLength: 1, maxLength: 120 });
const codes = (description: string) => ({ ...arrayOf(text(), description), minItems: 1, maxItems: 50 });

/** The configuration's own fields, as sent and as answered. */
const configurationFields = {
  name: name('The name people see.'),
  vanguard: id('The vanguard the site rolls up to; a vanguard names itself.'),
  validFrom: date('The London date from which this configuration holds, until a later one takes over.'),
  localities: { ...arrayOf(ref('SiteLocality')), maxItems: 200 },
  deliveryOrganisations: { ...arrayOf(ref('SiteDeliveryOrganisation')), maxItems: 200 },
  followUpSchedule: ref('SiteFollowUpSchedule'),
  cohorts: { ...arrayOf(ref('SiteCohort'), 'Tried in order: a referral is in the first cohort whose rule it matches.'), maxItems: 50 },
  quarterlyStartTargets: mapOf(integer(undefined, { minimum: 0, maximum: 1_000_000 }), 'Starts funded, by financial quarter ("Q3 24/25").'),
};

export const siteSchemas: SchemaMap = {
  SiteLocality: object({ id: id(), name: name() }),
  SiteDeliveryOrganisation: object(
    { id: id('The organisation code its users’ tokens carry (org).'), name: name(), localityId: id('One of the site’s localities.') },
    { description: 'An organisation delivering the service at the site.' },
  ),
  SiteCheckpoint: object({
    checkpoint: text(undefined, { enum: ['12-weeks', '26-weeks', '6-months', '52-weeks'] }),
    after: oneOfSchemas(
      object({ weeks: integer(undefined, { minimum: 1, maximum: 520 }) }),
      object({ months: integer(undefined, { minimum: 1, maximum: 120 }) }),
    ),
  }),
  SiteFollowUpSchedule: object(
    { checkpoints: { ...arrayOf(ref('SiteCheckpoint')), maxItems: 12 } },
    { description: 'Outcome checkpoints after the start; each at most once. Outcomes at other checkpoints are refused.' },
  ),
  SiteCohort: object({
    id: id('Not "none" (it means no cohort).'),
    label: name(),
    rule: ref('SiteCohortRule'),
  }),
  // Every field is optional: an object schema without `required` (OpenAPI 3.0 refuses an empty list).
  SiteCohortRule: {
    type: 'object',
    description: 'Every field given must match.',
    properties: {
      employmentStatusAtReferral: codes('Employment status codes at referral.'),
      referralSource: codes('Referral source codes.'),
      primaryHealthBarrier: codes('Primary health barrier codes.'),
      fitNoteHeld: { type: 'boolean' },
      ageBand: codes('Age band codes.'),
    },
  },
  SiteConfigurationRequest: object(
    { siteId: id('Optional: when given, the site of the path.'), ...configurationFields },
    { optional: ['siteId'], description: 'A site’s configuration from validFrom on. Every field but siteId is required.' },
  ),
  SiteConfiguration: object(
    {
      siteId: id(),
      ...configurationFields,
      occurredAt: instant('When the change was made.'),
      recordedBy: object({ userId: text(), role: text(), organisation: text(), site: text() }, { description: 'Who recorded it.' }),
      recordedAt: instant(),
      position: position('Where the change sits in the event store.'),
      version: integer('Its version in the site-configurations stream.', { minimum: 1 }),
    },
    { description: 'A configuration as recorded.' },
  ),
  SiteSummary: object({
    siteId: id(),
    current: ref('SiteConfiguration'),
    changes: integer('How many configurations the site has had recorded.', { minimum: 1 }),
  }),
  Sites: object(
    {
      version: integer('The site-configurations stream version; also the ETag, W/"<version>": send it as If-Match.', { minimum: 0 }),
      sites: arrayOf(ref('SiteSummary'), 'Sorted by site id.'),
    },
    { description: 'Every configured site with the configuration in force today (or, before the first, the first it will have).' },
  ),
  SiteHistory: object(
    {
      siteId: id(),
      version: integer('The site-configurations stream version (the ETag).', { minimum: 0 }),
      current: ref('SiteConfiguration'),
      history: arrayOf(ref('SiteConfiguration'), 'Every configuration recorded for the site, in the order recorded.'),
    },
    { description: 'A site’s configuration in force today and every change to it.' },
  ),
};
