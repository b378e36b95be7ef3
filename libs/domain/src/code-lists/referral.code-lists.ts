import { defineCodeList } from './code-list.types';

// 2024.1 is the list the vanguard sites opened with; social prescribers became a route of their own in 2025.
export const REFERRAL_SOURCES_2024 = defineCodeList('referral-source', '2024.1', [
  'gp',
  'other-primary-care',
  'self',
  'employer',
  'jobcentre-plus',
  'vcse',
  'local-authority',
  'other-health-service',
  'other',
]);

export const REFERRAL_SOURCES = defineCodeList('referral-source', '2025.1', [
  'gp',
  'other-primary-care',
  'self',
  'employer',
  'jobcentre-plus',
  'vcse',
  'local-authority',
  'social-prescriber',
  'other-health-service',
  'other',
]);

/** Also used at the first appointment, where national MI reports it. */
export const EMPLOYMENT_STATUSES = defineCodeList('employment-status', '2024.1', [
  'employed-working',
  'employed-off-sick',
  'self-employed',
  'unemployed',
  'economically-inactive',
]);

export const CONTACT_PREFERENCES = defineCodeList('contact-preference', '2024.1', ['phone', 'sms', 'email', 'post', 'no-preference']);

export const AGE_BANDS = defineCodeList('age-band', '2024.1', [
  'under-16',
  '16-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-plus',
  'not-disclosed',
]);

export const SEXES = defineCodeList('sex', '2024.1', ['female', 'male', 'not-disclosed']);

/** ONS 2021 census ethnic groups for England and Wales (19 categories). */
export const ETHNICITIES = defineCodeList('ethnicity', 'ons-2021', [
  'asian-bangladeshi',
  'asian-chinese',
  'asian-indian',
  'asian-pakistani',
  'asian-other',
  'black-african',
  'black-caribbean',
  'black-other',
  'mixed-white-and-asian',
  'mixed-white-and-black-african',
  'mixed-white-and-black-caribbean',
  'mixed-other',
  'white-british',
  'white-irish',
  'white-gypsy-or-irish-traveller',
  'white-roma',
  'white-other',
  'other-arab',
  'other-any-other',
  'not-disclosed',
]);

/** Disability as the Equality Act 2010 defines it, self-reported. */
export const DISABILITY_STATUSES = defineCodeList('disability', '2024.1', ['disabled', 'not-disabled', 'not-disclosed']);

/** English Indices of Deprivation 2019 decile of the participant's area (1 = most deprived). */
export const IMD_DECILES = defineCodeList('imd-decile', 'iod-2019', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'not-disclosed']);
