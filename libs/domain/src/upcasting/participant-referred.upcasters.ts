import { EMPLOYMENT_STATUSES, REFERRAL_SOURCES_2024 } from '../code-lists/referral.code-lists';

/**
 * Version 1 kept employment at referral as two flat fields, `employmentStatus` (a bare code of
 * the 2024.1 list) and `fitNote`; version 2 groups them as `employmentAtReferral` with a coded
 * status, so that the list version travels with the value. Version 1 also carried the referral
 * source as a bare code.
 */
export const participantReferredV1ToV2 = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { employmentStatus, fitNote, referralSource, ...rest } = data;
  return {
    ...rest,
    referralSource:
      typeof referralSource === 'string'
        ? { list: REFERRAL_SOURCES_2024.list, version: REFERRAL_SOURCES_2024.version, code: referralSource }
        : referralSource,
    employmentAtReferral: {
      status: { list: EMPLOYMENT_STATUSES.list, version: EMPLOYMENT_STATUSES.version, code: employmentStatus },
      fitNoteHeld: fitNote === true,
    },
  };
};
