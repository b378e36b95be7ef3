import type * as T from '@workwell/client';

/** A valid referral as a coach's front end would send it (the NHS number has a valid check digit). */
export const referral = (overrides: Partial<T.ReferParticipant> = {}): T.ReferParticipant => ({
  occurredAt: '2026-01-05T10:00:00Z',
  referralSource: 'gp',
  employmentStatus: 'employed-off-sick',
  fitNoteHeld: true,
  contactPreference: 'phone',
  personalDetails: {
    name: 'Sam Example',
    dateOfBirth: '1984-07-21',
    nhsNumber: '943 476 5919',
    postcode: 'LS1 4AP',
    phone: '07700 900123',
  },
  demographics: { sex: 'female', ethnicity: 'white-british', disability: 'not-disclosed', imdDecile: '3' },
  ...overrides,
});

export const at = (date: string, time = '10:00:00'): string => `${date}T${time}Z`;

export const eligible = {
  workingAge: true,
  healthConditionOrDisability: true,
  inWorkOrRecentlyOutOfWork: true,
  livesOrRegisteredWithGpInArea: true,
};

export const swemwbs = (score: number): T.Measure => ({
  instrument: 'swemwbs',
  instrumentVersion: '1.0',
  items: [3, 3, 3, 3, 3, 3, 3],
  score,
});
