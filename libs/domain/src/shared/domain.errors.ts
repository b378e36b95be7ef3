/** Every refusal the decider can give, so that the API can map each to a status without guessing. */
export const JOURNEY_RULE_CODES = [
  'PARTICIPANT_ERASED',
  'NOT_REFERRED',
  'ALREADY_REFERRED',
  'REFERRED_BEFORE_PREVIOUS_CLOSED',
  'OCCURRED_BEFORE_REFERRAL',
  'ALREADY_TRIAGED',
  'ELIGIBILITY_NOT_MET',
  'TRIAGE_NOT_ACCEPTED',
  'JOURNEY_CLOSED',
  'FIRST_APPOINTMENT_ALREADY_HELD',
  'CONSENT_NOT_ACTIVE',
  'PARTICIPATION_CONSENT_REQUIRED',
  'ASSESSMENT_REQUIRED',
  'PLAN_ALREADY_AGREED',
  'PLAN_NOT_FOUND',
  'REVIEW_BEFORE_PLAN',
  'UNKNOWN_GOAL',
  'ONWARD_REFERRAL_ALREADY_MADE',
  'ONWARD_REFERRAL_NOT_FOUND',
  'OUTCOME_BEFORE_START',
  'DISCHARGE_CHECKPOINT_NEEDS_DISCHARGE',
  'CHECKPOINT_NOT_IN_SCHEDULE',
  'CHECKPOINT_ALREADY_RECORDED',
  'JOURNEY_NOT_OPEN',
  'NOT_DISCHARGED',
  'REENGAGED_BEFORE_DISCHARGE',
  'CORRECTED_EVENT_NOT_FOUND',
  'CORRECTED_EVENT_MISMATCH',
  'NOT_CORRECTABLE',
  'ALREADY_CORRECTED',
] as const;

export type JourneyRuleCode = (typeof JOURNEY_RULE_CODES)[number];

/** A rule of the journey said no. `code` is stable (the API maps it); `message` is for a coach. */
export class JourneyRuleBroken extends Error {
  constructor(
    readonly code: JourneyRuleCode,
    message: string,
  ) {
    super(message);
    this.name = 'JourneyRuleBroken';
  }
}

export interface FieldError {
  /** Dotted path from the command, e.g. `data.baselineMeasures.0.score`. */
  readonly field: string;
  readonly message: string;
}

/** The command itself is malformed: nothing was decided. */
export class ValidationFailed extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: readonly FieldError[]) {
    super(
      `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    );
    this.name = 'ValidationFailed';
  }
}

export const isJourneyRuleBroken = (error: unknown): error is JourneyRuleBroken => error instanceof JourneyRuleBroken;
export const isValidationFailed = (error: unknown): error is ValidationFailed => error instanceof ValidationFailed;
