import { ageBandAt, ageInYearsAt } from './demographics.rules';
import { isUkPostcode, isValidNhsNumber, nhsCheckDigit, validatePersonalDetails } from './personal-details.rules';
import { participantKeyId, sealedEnvelopeProblems } from './sealed.personal-data';

const valid = {
  name: 'Alex Example',
  dateOfBirth: '1985-06-15',
  nhsNumber: '9434765919',
  postcode: 'NE1 4LP',
  phone: '07700 900123',
  email: 'alex@example.com',
};

describe('personal details', () => {
  it.each([
    ['9434765919', true],
    ['943 476 5919', true],
    ['9434765918', false],
    ['943476591', false],
    ['94347659AB', false],
  ])('NHS number %s passes the modulus 11 check: %s', (nhsNumber, expected) => {
    expect(isValidNhsNumber(nhsNumber)).toBe(expected);
  });

  it('never issues a number whose check digit would be 10', () => {
    expect(nhsCheckDigit('000000006')).toBeNull();
    expect(isValidNhsNumber('0000000060')).toBe(false);
  });

  it.each([
    ['NE1 4LP', true],
    ['SW1A 1AA', true],
    ['ec1a1bb', true],
    ['M1 1AE', true],
    ['NE1', false],
    ['QQ1 1AA', false],
    ['NE1 4LPX', false],
  ])('postcode %s is a full UK postcode: %s', (postcode, expected) => {
    expect(isUkPostcode(postcode)).toBe(expected);
  });

  it('accepts a complete, plausible set', () => {
    expect(validatePersonalDetails(valid, '2025-03-03')).toEqual([]);
  });

  it('names each bad field', () => {
    const errors = validatePersonalDetails(
      { ...valid, nhsNumber: '1234567890', postcode: 'nowhere', dateOfBirth: '2026-01-01', email: 'alex', nickname: 'Al' },
      '2025-03-03',
    );
    expect(errors.map((e) => e.field)).toEqual([
      'personalDetails.nickname',
      'personalDetails.dateOfBirth',
      'personalDetails.nhsNumber',
      'personalDetails.postcode',
      'personalDetails.email',
    ]);
  });

  it('finds a date of birth over 120 years ago implausible', () => {
    expect(validatePersonalDetails({ ...valid, dateOfBirth: '1899-01-01' }, '2025-03-03').map((e) => e.field)).toEqual([
      'personalDetails.dateOfBirth',
    ]);
  });

  it('keeps the participant key id deterministic and per participant', () => {
    expect(participantKeyId('p-1')).toBe(participantKeyId('p-1'));
    expect(participantKeyId('p-1')).not.toBe(participantKeyId('p-2'));
  });

  it('binds a sealed envelope to the participant key', () => {
    const envelope = {
      sealed: 'aes-256-gcm',
      keyId: participantKeyId('p-1'),
      iv: 'AAAAAAAAAAAAAAAA',
      ciphertext: 'AAAA',
      tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
    };
    expect(sealedEnvelopeProblems(envelope, participantKeyId('p-1'))).toEqual([]);
    expect(sealedEnvelopeProblems(envelope, participantKeyId('p-2'))).toEqual([
      { field: 'keyId', message: "must be this participant's key id" },
    ]);
  });
});

describe('age bands for equality monitoring', () => {
  it.each([
    ['2009-03-04', '2025-03-03', 'under-16'],
    ['2009-03-03', '2025-03-03', '16-24'],
    ['1990-03-04', '2025-03-03', '25-34'],
    ['1980-01-01', '2025-03-03', '45-54'],
    ['1960-03-03', '2025-03-03', '65-plus'],
    ['1960-03-04', '2025-03-03', '55-64'],
  ])('born %s, on %s: %s', (born, on, band) => {
    expect(ageBandAt(born, on)).toBe(band);
  });

  it('counts a leap-day birthday as reached on 1 March', () => {
    expect(ageInYearsAt('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageInYearsAt('2000-02-29', '2025-03-01')).toBe(25);
  });
});
