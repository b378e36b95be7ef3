import { defineCodeList } from './code-list.types';

/** `share-with-jobcentre-work-coach` is separate from `share-with-referrer`: the work coach is often not the referrer. */
export const CONSENT_SCOPES = defineCodeList('consent-scope', '2024.1', [
  'programme-participation',
  'employer-liaison',
  'share-with-gp',
  'share-with-referrer',
  'share-with-onward-service',
  'share-with-jobcentre-work-coach',
  'evaluation-data-linkage',
  'sms-contact',
]);

export const CONSENT_METHODS = defineCodeList('consent-method', '2024.1', ['verbal', 'written', 'digital']);

export const LAWFUL_BASES = defineCodeList('lawful-basis', 'uk-gdpr-art6', [
  'public-task',
  'consent',
  'vital-interests',
  'legal-obligation',
]);

export const RECIPIENT_KINDS = defineCodeList('recipient-kind', '2024.1', [
  'gp',
  'referrer',
  'onward-service',
  'employer',
  'jobcentre-work-coach',
  'evaluator',
  'other',
]);

export const SHARING_PURPOSES = defineCodeList('sharing-purpose', '2024.1', [
  'progress-update',
  'onward-referral',
  'employer-liaison',
  'safeguarding',
  'evaluation',
  'other',
]);

export const DATA_CATEGORIES = defineCodeList('data-category', '2024.1', [
  'participation',
  'contact-details',
  'health-information',
  'employment-status',
  'action-plan',
  'progress',
  'outcomes',
  'assessment-scores',
  'demographics',
]);
