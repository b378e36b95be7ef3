import { type FieldError, ValidationFailed } from '../shared/domain.errors';
import { isFinancialQuarter } from '../reporting/reporting-period.values';
import { siteSchedule } from '../validation/command.validators';
import { array, boolean, date, fail, identifier, integer, object, refine, unique, type Validator } from '../validation/field.validators';
import type { SiteConfiguration } from './site-configuration.types';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]{1,120}$/;

/** A name shown to people (a site, a locality, a cohort): 1 to 120 printable characters, never personal data. */
const label: Validator = (value, path, context) => {
  if (typeof value !== 'string' || !PRINTABLE.test(value) || value.trim() === '')
    fail(context, path, 'must be a name of 1 to 120 printable characters');
};

const codes = array(identifier, { min: 1, max: 50 });

const cohortRule = object(
  {},
  { employmentStatusAtReferral: codes, referralSource: codes, primaryHealthBarrier: codes, fitNoteHeld: boolean, ageBand: codes },
);

const targets: Validator = (value, path, context) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(context, path, 'must be an object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 200) fail(context, path, 'must hold at most 200 quarters');
  for (const [quarter, target] of entries) {
    if (!isFinancialQuarter(quarter)) fail(context, `${path}.${quarter}`, 'must be keyed by a financial quarter such as "Q3 24/25"');
    else integer(0, 1_000_000)(target, `${path}.${quarter}`, context);
  }
};

const idsUnique = <T extends { id: string }>(what: string) => unique<T>((item) => item.id, what);

const configuration = refine<SiteConfiguration>(
  object({
    siteId: identifier,
    name: label,
    vanguard: identifier,
    validFrom: date,
    localities: refine(array(object({ id: identifier, name: label }), { max: 200 }), idsUnique('locality id')),
    deliveryOrganisations: refine(
      array(object({ id: identifier, name: label, localityId: identifier }), { max: 200 }),
      idsUnique('organisation id'),
    ),
    followUpSchedule: siteSchedule,
    cohorts: refine(array(object({ id: identifier, label, rule: cohortRule }), { max: 50 }), idsUnique('cohort id')),
    quarterlyStartTargets: targets,
  }),
  (value, path, context) => {
    const localities = new Set(value.localities.map((locality) => locality.id));
    value.deliveryOrganisations.forEach((organisation, index) => {
      if (!localities.has(organisation.localityId))
        fail(context, `${path}deliveryOrganisations.${index}.localityId`, "must name one of the site's localities");
    });
    const checkpoints = value.followUpSchedule.checkpoints.map((item) => item.checkpoint);
    if (new Set(checkpoints).size !== checkpoints.length)
      fail(context, `${path}followUpSchedule.checkpoints`, 'must not repeat a checkpoint');
    if (value.cohorts.some((cohort) => cohort.id === 'none'))
      fail(context, `${path}cohorts`, 'must not use the id "none" (it means no cohort)');
  },
);

/** Every problem of a site configuration, with the field's path (`followUpSchedule.checkpoints.0.after`). */
export const siteConfigurationProblems = (value: unknown): FieldError[] => {
  const errors: FieldError[] = [];
  configuration(value, '', { errors, keyId: '', now: 0, withPaths: true });
  return errors.map((error) => ({ ...error, field: error.field.replace(/^\./, '') || 'configuration' }));
};

export const validateSiteConfiguration = (value: unknown): SiteConfiguration => {
  const errors = siteConfigurationProblems(value);
  if (errors.length > 0) throw new ValidationFailed(errors);
  return value as SiteConfiguration;
};
