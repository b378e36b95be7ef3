import type { Actor } from '../journey/journey.commands';
import type { IsoInstant } from '../shared/iso-time.values';
import { type FieldError, ValidationFailed } from '../shared/domain.errors';

/** Every evaluation extract is a data sharing; they are kept in one stream of their own. */
export const EXTRACT_SHARINGS_STREAM = 'evaluation-extract-sharings';

export interface ExtractedFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface EvaluationExtractSharedData {
  readonly occurredAt: IsoInstant;
  readonly recipient: string;
  /** The data sharing agreement the extract is made under, e.g. `DSA-2026-014`. */
  readonly agreementReference: string;
  readonly lawfulBasis: 'public-task';
  readonly purpose: 'evaluation';
  /** What it contained: pseudonymised participant episodes, never personal data. */
  readonly dataset: string;
  readonly asOf: IsoInstant;
  readonly asOfBasis: 'recorded-time' | 'position';
  readonly lastPosition: number;
  readonly siteId: string | null;
  readonly rows: number;
  readonly files: readonly ExtractedFile[];
  readonly manifestSha256: string;
  readonly sharedBy: Actor;
}

export interface EvaluationExtractShared {
  readonly type: 'EvaluationExtractShared';
  readonly data: EvaluationExtractSharedData;
}

const AGREEMENT_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{1,79}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The problems with a sharing record, as sentences naming the field; empty when it may be recorded. */
/** Who receives an extract and under which agreement: checked before any work is done. */
export const sharingPartyProblems = (recipient: string, agreementReference: string): FieldError[] => {
  const problems: FieldError[] = [];
  if (recipient.trim().length < 2 || recipient.length > 200)
    problems.push({ field: 'recipient', message: 'must name the organisation receiving the extract (2 to 200 characters)' });
  if (!AGREEMENT_REFERENCE.test(agreementReference)) {
    problems.push({
      field: 'agreementReference',
      message: 'must be the data sharing agreement reference (letters, digits, spaces, . _ / -; 2 to 80 characters)',
    });
  }
  return problems;
};

export const extractSharingProblems = (data: EvaluationExtractSharedData): FieldError[] => {
  const problems = sharingPartyProblems(data.recipient, data.agreementReference);
  if (!HEX_SHA256.test(data.manifestSha256) || data.files.some((file) => !HEX_SHA256.test(file.sha256)))
    problems.push({ field: 'files', message: 'checksums must be SHA-256 in hex' });
  if (!Number.isInteger(data.rows) || data.rows < 0) problems.push({ field: 'rows', message: 'must be a whole number' });
  return problems;
};

/** Refuses a sharing record that could not tell an auditor what went where and under which agreement. */
export const extractShared = (data: EvaluationExtractSharedData): EvaluationExtractShared => {
  const problems = extractSharingProblems(data);
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { type: 'EvaluationExtractShared', data };
};
