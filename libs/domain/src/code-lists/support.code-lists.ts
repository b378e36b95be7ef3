import { defineCodeList } from './code-list.types';

export const TRIAGE_DECISIONS = defineCodeList('triage-decision', '2024.1', ['accepted', 'not-eligible', 'redirected']);

export const CONTACT_METHODS = defineCodeList('contact-method', '2024.1', ['phone', 'sms', 'email', 'video', 'in-person', 'letter']);

export const CONTACT_OUTCOMES = defineCodeList('contact-outcome', '2024.1', ['reached', 'no-answer', 'declined']);

export const HEALTH_CONDITIONS = defineCodeList('health-condition', '2024.1', [
  'mental-health',
  'musculoskeletal',
  'cardiovascular',
  'respiratory',
  'neurological',
  'long-covid',
  'cancer',
  'diabetes-endocrine',
  'other',
]);

export const NON_HEALTH_BARRIERS = defineCodeList('non-health-barrier', '2024.1', [
  'confidence',
  'skills',
  'caring',
  'transport',
  'finance-debt',
  'housing',
  'workplace-adjustments',
  'employer-relationship',
  'language',
  'digital-access',
]);

export const INSTRUMENTS = defineCodeList('instrument', '2024.1', ['swemwbs', 'wemwbs', 'ons4', 'eq-5d-5l']);

export const PLAN_TYPES = defineCodeList('plan-type', '2024.1', ['return-to-work', 'thrive-in-work', 'start-work']);

export const GOAL_DOMAINS = defineCodeList('goal-domain', '2024.1', ['health', 'work', 'social']);

export const GOAL_STATUSES = defineCodeList('goal-status', '2024.1', ['not-started', 'in-progress', 'achieved', 'dropped']);

export const SESSION_MODES = defineCodeList('session-mode', '2024.1', ['in-person', 'phone', 'video']);

export const ONWARD_SERVICES = defineCodeList('onward-service', '2024.1', [
  'nhs-talking-therapies',
  'msk-physio',
  'ips',
  'access-to-work',
  'debt-advice',
  'universal-support',
  'restart',
  'social-prescribing',
  'vcse',
  'gp',
  'adult-social-care',
  'education-training',
  'jobcentre-plus',
  'other',
]);

export const ONWARD_REFERRAL_OUTCOMES = defineCodeList('onward-referral-outcome', '2024.1', [
  'accepted',
  'declined-by-service',
  'declined-by-participant',
  'attended',
  'completed',
  'no-response',
]);

export const LIAISON_TOPICS = defineCodeList('liaison-topic', '2024.1', [
  'reasonable-adjustments',
  'phased-return',
  'plan-shared',
  'mediation',
]);
