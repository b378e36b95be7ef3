import type { FieldError } from '../shared/domain.errors';
import { isIsoDate, type IsoDate } from '../shared/iso-time.values';
import { ageInYearsAt } from './demographics.rules';

/** The clear form of a participant's direct identifiers; it only ever exists outside events, sealed as JSON. */
export interface PersonalDetails {
  readonly name: string;
  readonly dateOfBirth: IsoDate;
  /** Ten digits; the printed form with spaces also passes. */
  readonly nhsNumber: string;
  readonly postcode: string;
  readonly phone?: string;
  readonly email?: string;
}

/** The modulus 11 check digit of an NHS number's first nine digits; null when no tenth digit can make it valid. */
export const nhsCheckDigit = (firstNine: string): number | null => {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 10 ? null : check === 11 ? 0 : check;
};

/** Accepts the printed form `943 476 5919` as well as ten bare digits. */
export const isValidNhsNumber = (value: string): boolean => {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) && nhsCheckDigit(digits) === Number(digits[9]);
};

const POSTCODE =
  /^(GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;
export const isUkPostcode = (value: string): boolean => POSTCODE.test(value.trim());

const PHONE = /^(?:\+44\s?|0)(?:\d\s?){9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_AGE = 120;

/**
 * Checks the clear personal details before they are sealed at the edge. `asOf` is today's date
 * (it comes with the request): a date of birth in the future or over 120 years ago is a typing error.
 */
export const validatePersonalDetails = (input: unknown, asOf: IsoDate, path = 'personalDetails'): FieldError[] => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ field: path, message: 'must be an object' }];
  const details = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `${path}.${field}`, message });
  const allowed = ['name', 'dateOfBirth', 'nhsNumber', 'postcode', 'phone', 'email'];
  for (const key of Object.keys(details)) if (!allowed.includes(key)) fail(key, 'is not a known field');

  if (typeof details.name !== 'string' || details.name.trim().length === 0 || details.name.length > 200)
    fail('name', 'must be 1 to 200 characters');
  if (!isIsoDate(details.dateOfBirth)) fail('dateOfBirth', 'must be a date, YYYY-MM-DD');
  else if (details.dateOfBirth > asOf) fail('dateOfBirth', 'cannot be in the future');
  else if (ageInYearsAt(details.dateOfBirth, asOf) > MAX_AGE) fail('dateOfBirth', `is more than ${MAX_AGE} years ago`);
  if (typeof details.nhsNumber !== 'string' || !isValidNhsNumber(details.nhsNumber))
    fail('nhsNumber', 'must be a 10-digit NHS number with a valid check digit');
  if (typeof details.postcode !== 'string' || !isUkPostcode(details.postcode)) fail('postcode', 'must be a full UK postcode');
  if (details.phone !== undefined && (typeof details.phone !== 'string' || !PHONE.test(details.phone.trim())))
    fail('phone', 'must be a UK phone number');
  if (details.email !== undefined && (typeof details.email !== 'string' || details.email.length > 254 || !EMAIL.test(details.email)))
    fail('email', 'must be an email address');
  return errors;
};
