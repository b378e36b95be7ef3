import { DEFAULT_SITE_SCHEDULE, NATIONAL_SURVEY_SCHEDULE } from '../calendar/follow-up.schedule';
import { financialQuarterBounds, financialQuarterOf, periodSortKey } from '../reporting/reporting-period.values';
import type { SiteConfiguration } from './site-configuration.types';
import { siteConfigurationProblems } from './site-configuration.validators';
import {
  cohortOf,
  localityOf,
  siteConfigurationOn,
  siteRegistryKnownAt,
  siteRegistryOf,
  siteScheduleOn,
  startTargetOf,
  vanguardOf,
} from './site-registry';

const configuration = (change: Partial<SiteConfiguration> = {}): SiteConfiguration => ({
  siteId: 'gm-bolton',
  name: 'Bolton',
  vanguard: 'greater-manchester',
  validFrom: '2024-10-01',
  localities: [{ id: 'bolton-north', name: 'Bolton North' }],
  deliveryOrganisations: [{ id: 'org-bolton-ft', name: 'Bolton NHS FT', localityId: 'bolton-north' }],
  followUpSchedule: DEFAULT_SITE_SCHEDULE,
  cohorts: [
    { id: 'cohort-1', label: 'Unemployed before referral', rule: { employmentStatusAtReferral: ['unemployed', 'economically-inactive'] } },
    { id: 'cohort-2', label: 'Off sick with a fit note', rule: { employmentStatusAtReferral: ['employed-off-sick'], fitNoteHeld: true } },
  ],
  quarterlyStartTargets: { 'Q3 24/25': 120, 'Q4 24/25': 150 },
  ...change,
});

const actor = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;
const stored = (entries: SiteConfiguration[]) =>
  siteRegistryOf(
    entries.map((entry, index) => ({
      type: 'SiteConfigured',
      data: { ...entry, occurredAt: `2025-0${index + 1}-01T09:00:00Z`, recordedBy: actor },
      recordedAt: `2025-0${index + 1}-01T09:00:00Z`,
      position: 10 * (index + 1),
      version: index,
    })),
  );

describe('financial-year quarters', () => {
  it.each([
    ['2024-04-01', 'Q1 24/25'],
    ['2024-06-30', 'Q1 24/25'],
    ['2024-10-15', 'Q3 24/25'],
    ['2024-12-31', 'Q3 24/25'],
    ['2025-01-01', 'Q4 24/25'],
    ['2025-03-31', 'Q4 24/25'],
    ['1999-05-01', 'Q1 99/00'],
  ])('%s is in %s', (day, label) => expect(financialQuarterOf(day)).toBe(label));

  it('knows the first and last day of a quarter', () => {
    expect(financialQuarterBounds('Q3 24/25')).toEqual({ first: '2024-10-01', last: '2024-12-31' });
    expect(financialQuarterBounds('Q4 24/25')).toEqual({ first: '2025-01-01', last: '2025-03-31' });
    expect(financialQuarterBounds('Q4 23/24')).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect(() => financialQuarterBounds('Q3 24/26')).toThrow(RangeError);
  });

  it('sorts quarters across years in time order', () => {
    const labels = ['Q1 25/26', 'Q4 24/25', 'Q3 24/25'];
    expect([...labels].sort((a, b) => (periodSortKey(a, 'financial-quarter') < periodSortKey(b, 'financial-quarter') ? -1 : 1))).toEqual([
      'Q3 24/25',
      'Q4 24/25',
      'Q1 25/26',
    ]);
  });
});

describe('the site registry', () => {
  const changed = configuration({ validFrom: '2025-04-01', followUpSchedule: NATIONAL_SURVEY_SCHEDULE, quarterlyStartTargets: {} });
  const registry = stored([configuration(), changed]);

  it('answers the configuration that held on a day', () => {
    expect(siteConfigurationOn(registry, 'gm-bolton', '2024-09-30')).toBeNull();
    expect(siteScheduleOn(registry, 'gm-bolton', '2024-09-30')).toBe(DEFAULT_SITE_SCHEDULE);
    expect(siteScheduleOn(registry, 'gm-bolton', '2025-03-31')).toEqual(DEFAULT_SITE_SCHEDULE);
    expect(siteScheduleOn(registry, 'gm-bolton', '2025-04-01')).toEqual(NATIONAL_SURVEY_SCHEDULE);
    expect(siteScheduleOn(registry, 'leeds', '2025-04-01')).toBe(DEFAULT_SITE_SCHEDULE);
  });

  it('forgets what was recorded after a cut of the store', () => {
    expect(siteScheduleOn(siteRegistryKnownAt(registry, { position: 19 }), 'gm-bolton', '2025-05-01')).toEqual(DEFAULT_SITE_SCHEDULE);
    expect(siteScheduleOn(siteRegistryKnownAt(registry, { recordedAt: '2025-02-01T09:00:00Z' }), 'gm-bolton', '2025-05-01')).toEqual(
      NATIONAL_SURVEY_SCHEDULE,
    );
  });

  it('lets a later recording of the same day win', () => {
    const corrected = stored([configuration(), configuration({ name: 'Bolton (corrected)' })]);
    expect(siteConfigurationOn(corrected, 'gm-bolton', '2024-11-01')?.name).toBe('Bolton (corrected)');
  });

  it('finds targets, cohorts, localities and the vanguard', () => {
    expect(startTargetOf(registry, 'gm-bolton', 'Q3 24/25')).toBe(120);
    expect(startTargetOf(registry, 'gm-bolton', 'Q1 25/26')).toBeNull();
    expect(vanguardOf(registry, 'gm-bolton', '2024-11-01')).toBe('greater-manchester');
    expect(vanguardOf(registry, 'leeds', '2024-11-01')).toBe('leeds');
    const facts = {
      employmentStatusAtReferral: 'employed-off-sick',
      referralSource: 'gp',
      primaryHealthBarrier: null,
      fitNoteHeld: true,
      ageBand: '25-34',
    };
    expect(cohortOf(configuration(), facts)).toBe('cohort-2');
    expect(cohortOf(configuration(), { ...facts, fitNoteHeld: false })).toBe('none');
    expect(cohortOf(null, facts)).toBe('none');
    expect(localityOf(configuration(), 'org-bolton-ft')).toBe('bolton-north');
    expect(localityOf(configuration(), 'someone-else')).toBe('unknown');
  });
});

describe('a site configuration', () => {
  it('is accepted when whole', () => expect(siteConfigurationProblems(configuration())).toEqual([]));

  it('names every field that is wrong', () => {
    const broken = {
      ...configuration(),
      validFrom: '2025-02-30',
      deliveryOrganisations: [{ id: 'org', name: 'Org', localityId: 'nowhere' }],
      quarterlyStartTargets: { '2024-Q4': 10, 'Q1 25/26': -1 },
      extra: true,
    };
    expect(siteConfigurationProblems(broken).map((problem) => problem.field)).toEqual([
      'validFrom',
      'quarterlyStartTargets.2024-Q4',
      'quarterlyStartTargets.Q1 25/26',
      'extra',
    ]);
    expect(
      siteConfigurationProblems({ ...configuration(), deliveryOrganisations: [{ id: 'org', name: 'Org', localityId: 'nowhere' }] }),
    ).toEqual([{ field: 'deliveryOrganisations.0.localityId', message: "must name one of the site's localities" }]);
    expect(siteConfigurationProblems(null)).toEqual([{ field: 'configuration', message: 'must be an object' }]);
  });
});
