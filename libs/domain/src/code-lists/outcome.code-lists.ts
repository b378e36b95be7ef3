import { defineCodeList } from './code-list.types';

export const CHECKPOINTS = defineCodeList('checkpoint', '2024.1', ['discharge', '12-weeks', '26-weeks', '6-months', '52-weeks', 'other']);

export const OUTCOME_EMPLOYMENT_STATUSES = defineCodeList('outcome-employment-status', '2024.1', [
  'remained-in-work',
  'returned-to-work',
  'new-employment',
  'self-employed',
  'off-sick',
  'unemployed-seeking',
  'economically-inactive',
  'education-training',
  'volunteering',
]);

export const OUTCOME_SOURCES = defineCodeList('outcome-source', '2024.1', ['participant', 'employer', 'records']);

export const DISCHARGE_REASONS = defineCodeList('discharge-reason', '2024.1', [
  'plan-completed',
  'disengaged',
  'moved-away',
  'referred-on',
  'withdrew',
  'not-eligible',
]);

export const CORRECTION_REASONS = defineCodeList('correction-reason', '2024.1', [
  'recorded-in-error',
  'wrong-date',
  'wrong-value',
  'duplicate',
  'wrong-participant',
]);

export const ERASURE_REASONS = defineCodeList('erasure-reason', '2024.1', [
  'erasure-request',
  'recorded-in-error',
  'retention-period-ended',
]);
