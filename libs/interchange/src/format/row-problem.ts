import { isJourneyRuleBroken, isValidationFailed } from '@workwell/domain';

/** Why a row was not imported, besides the journey rules' own codes. */
export const ROW_PROBLEM_CODES = [
  'ROW_NOT_JSON',
  'ROW_MALFORMED',
  'UNKNOWN_COMMAND',
  'VALIDATION_FAILED',
  'PARTICIPANT_REF_NOT_AN_ID',
  'PARTICIPANT_ROWS_SPLIT',
  'RECORDED_OUT_OF_ORDER',
  'RECORDED_IN_FUTURE',
  'RECORDER_OTHER_SITE',
  'PERSONAL_DATA_ERASED',
  'LIAISON_TOPIC_REQUIRED',
  'OUTCOME_DIFFERS',
  'ALREADY_IN_STORE',
  'PREVIOUS_ROW_REJECTED',
  'LATER_ROW_REJECTED',
] as const;

export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

/** A row the import refuses: a stable code and a sentence for whoever fixes the file. */
export class RowProblem extends Error {
  constructor(
    readonly code: RowProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'RowProblem';
  }
}

/** The code and sentence of a refusal, or undefined for an error that is nobody's row's fault (it stops the import). */
export const refusalOf = (error: unknown): { readonly code: string; readonly sentence: string } | undefined => {
  if (error instanceof RowProblem || isJourneyRuleBroken(error)) return { code: error.code, sentence: error.message };
  if (isValidationFailed(error)) return { code: 'VALIDATION_FAILED', sentence: error.message };
  return undefined;
};
