import { coded } from '@workwell/domain';
import { AGE_BANDS, DISABILITY_STATUSES, ETHNICITIES, IMD_DECILES, SEXES } from '@workwell/domain';
import { ageBandAt, type Demographics } from '@workwell/domain';
import { nhsCheckDigit, type PersonalDetails } from '@workwell/domain';
import { addDays, type IsoDate } from '@workwell/domain';
import type { Random, Weights } from './seeded.prng';

const GIVEN_NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Priya',
  'Mohammed',
  'Olivia',
  'Amelia',
  'Jack',
  'Aisha',
  'Noah',
  'Grace',
  'Tomasz',
  'Chloe',
  'Kwame',
  'Sophie',
  'Liam',
];
const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Khan',
  'Taylor',
  'Brown',
  'Patel',
  'Wilson',
  'Evans',
  'Nowak',
  'Okafor',
  'Walker',
  'Hughes',
  'Begum',
  'Robinson',
];
const OUTWARD_CODES = [
  'NE1',
  'NE6',
  'SR2',
  'DH1',
  'TS1',
  'M13',
  'L8',
  'BD3',
  'LS9',
  'S2',
  'B11',
  'NG7',
  'CV1',
  'PL4',
  'BS5',
  'SE15',
  'E1',
  'N17',
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const ETHNICITY_WEIGHTS: Weights<(typeof ETHNICITIES.codes)[number]> = {
  'white-british': 72,
  'white-irish': 1,
  'white-gypsy-or-irish-traveller': 0.2,
  'white-roma': 0.2,
  'white-other': 6,
  'asian-indian': 3,
  'asian-pakistani': 3,
  'asian-bangladeshi': 1.2,
  'asian-chinese': 0.7,
  'asian-other': 1.5,
  'black-african': 2.5,
  'black-caribbean': 1,
  'black-other': 0.5,
  'mixed-white-and-asian': 0.8,
  'mixed-white-and-black-african': 0.5,
  'mixed-white-and-black-caribbean': 0.9,
  'mixed-other': 0.7,
  'other-arab': 0.6,
  'other-any-other': 1.2,
  'not-disclosed': 3,
};

/** A valid NHS number in the 999 range, which the NHS never issues to real people. */
const syntheticNhsNumber = (random: Random): string => {
  for (;;) {
    const firstNine = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
};

export interface SyntheticPerson {
  readonly details: PersonalDetails;
  readonly demographics: Demographics;
}

/** A made-up person aged 16 to 64 on the referral day, with Ofcom drama phone numbers and example.com emails. */
export const syntheticPerson = (random: Random, referredOn: IsoDate): SyntheticPerson => {
  const dateOfBirth = addDays(referredOn, -random.int(16 * 365 + 5, 64 * 365));
  const given = random.pick(GIVEN_NAMES);
  const family = random.pick(FAMILY_NAMES);
  const postcode = `${random.pick(OUTWARD_CODES)} ${random.int(1, 9)}${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`;
  const details: PersonalDetails = {
    name: `${given} ${family}`,
    dateOfBirth,
    nhsNumber: syntheticNhsNumber(random),
    postcode,
    ...(random.chance(0.9) ? { phone: `07700 900${String(random.int(0, 999)).padStart(3, '0')}` } : {}),
    ...(random.chance(0.6) ? { email: `${given}.${family}${random.int(1, 99)}@example.com`.toLowerCase() } : {}),
  };
  const undisclosed = () => random.chance(0.03);
  const demographics: Demographics = {
    ageBand: coded(AGE_BANDS, undisclosed() ? 'not-disclosed' : ageBandAt(dateOfBirth, referredOn)),
    sex: coded(SEXES, random.weighted({ female: 54, male: 44, 'not-disclosed': 2 })),
    ethnicity: coded(ETHNICITIES, random.weighted(ETHNICITY_WEIGHTS)),
    disability: coded(DISABILITY_STATUSES, undisclosed() ? 'not-disclosed' : random.chance(0.4) ? 'disabled' : 'not-disabled'),
    imdDecile: coded(IMD_DECILES, undisclosed() ? 'not-disclosed' : IMD_DECILES.codes[Math.min(9, Math.floor(random.next() ** 1.4 * 10))]),
  };
  return { details, demographics };
};
