export * from './shared/assert-never';
export * from './shared/domain.errors';
export * from './shared/iso-time.values';

export * from './code-lists';

export * from './personal-data/sealed.personal-data';
export * from './personal-data/personal-details.rules';
export * from './personal-data/demographics.rules';

export * from './calendar/bank-holidays.calendar';
export * from './calendar/working-days.calendar';
export * from './calendar/uk-local-time.calendar';
export * from './calendar/follow-up.schedule';

export * from './journey/referral.events';
export * from './journey/support.events';
export * from './journey/sharing.events';
export * from './journey/exit.events';
export * from './journey/journey.events';
export * from './journey/journey.commands';
export * from './journey/journey.metadata';
export * from './journey/journey.state';
export * from './journey/journey.evolve';
export * from './journey/journey.decider';
export * from './journey/journey.follow-ups';
export {
  blockedReason,
  consentStatusAt,
  isConsentActiveAt,
  CONSENT_SCOPE_FOR_RECIPIENT,
  CONSENT_ONLY_RECIPIENTS,
  scopeInWords,
} from './journey/consent.rules';
export type { ConsentStatus, SharingRefusal } from './journey/consent.rules';
export { NOT_CORRECTABLE } from './journey/exit.rules';

export { commandProblems, validateCommand } from './validation/command.validators';
export { CLOCK_SKEW_MS } from './validation/field.validators';
export { INSTRUMENT_SHAPES } from './validation/measure.validators';

export * from './upcasting/journey.upcasters';

export * from './reporting';
export * from './evaluation/extract-sharing.events';
export * from './sites';
