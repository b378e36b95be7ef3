import {
  ACTOR_ROLES,
  isIsoInstant,
  isJourneyEventType,
  JOURNEY_COMMAND_TYPES,
  type ActorRole,
  type IsoInstant,
  type JourneyCommandType,
  type JourneyEventType,
} from '@workwell/domain';
import { RowProblem } from './row-problem';

/** The format's name and major version: a reader refuses a file of another major version. */
export const INTERCHANGE_FORMAT = 'workwell-interchange/1';

/** The source system of this engine's own exports: their `participantRef` is the participant id, kept on import. */
export const WORKWELL_SYSTEM = 'workwell';

export interface InterchangeSource {
  /** Who kept the history: `workwell` for this engine's exports, e.g. `elemental` or `caseworks-leeds` otherwise. */
  readonly system: string;
  readonly description?: string;
}

/** The first line of a file. */
export interface InterchangeHeader {
  readonly format: typeof INTERCHANGE_FORMAT;
  readonly source: InterchangeSource;
  /** Always `clear`: the file carries personal data as the participant gave it; it is sealed as it is read. */
  readonly personalData: 'clear';
  readonly exportedAt?: IsoInstant;
  /** An export's scope and what it was read from. */
  readonly siteId?: string | null;
  readonly participantId?: string | null;
  readonly lastPosition?: number;
}

export interface Recorder {
  readonly userId: string;
  readonly role: ActorRole;
  readonly organisation: string;
}

/** One journey fact: a command as it was recorded, with its own business and recording times. */
export interface InterchangeRow {
  /** The source's number for the row (the line number when absent): what the rejection report names. */
  readonly row: number;
  /** The participant in the source system; a UUID that is kept when the source is `workwell`. */
  readonly participantRef: string;
  readonly type: JourneyCommandType;
  readonly occurredAt: IsoInstant;
  readonly recordedAt: IsoInstant;
  /** The site the fact was recorded at (the recorder's). */
  readonly site: string;
  readonly recordedBy: Recorder;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /** The events the source recorded for it, when it knows (an export does): the import refuses to decide otherwise. */
  readonly recorded?: readonly JourneyEventType[];
  /** The command's data in the domain's coded form, personal fields in clear (see docs/interchange.md). */
  readonly data: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;

export class InterchangeFileError extends Error {}

export const parseHeader = (line: string | undefined): InterchangeHeader => {
  let header: unknown;
  try {
    header = JSON.parse(line ?? '');
  } catch {
    throw new InterchangeFileError(`the first line must be the header {"format":"${INTERCHANGE_FORMAT}", ...}, as JSON`);
  }
  if (!isRecord(header) || typeof header.format !== 'string')
    throw new InterchangeFileError(`the first line must be the header {"format":"${INTERCHANGE_FORMAT}", ...}`);
  if (header.format !== INTERCHANGE_FORMAT)
    throw new InterchangeFileError(`the file is in format "${header.format}"; this engine reads ${INTERCHANGE_FORMAT}`);
  if (!isRecord(header.source) || !isText(header.source.system, 64) || !/^[a-z0-9][a-z0-9._-]*$/.test(header.source.system))
    throw new InterchangeFileError(
      'the header must name its source system: "source": {"system": "elemental"} (lower-case letters, digits, . _ -)',
    );
  if (header.personalData !== 'clear') throw new InterchangeFileError('the header must say "personalData": "clear"');
  return header as unknown as InterchangeHeader;
};

/** The participant a row names, as its JSON value: `''` when it names none (or is no JSON object). */
export const participantRefOf = (value: unknown): string =>
  isRecord(value) && isText(value.participantRef, 128) ? value.participantRef : '';

const malformed = (what: string): RowProblem => new RowProblem('ROW_MALFORMED', `The row is not a journey fact: ${what}.`);

/** A line's row, checked for the shape every row has; the command's data is checked later, by the journey rules. */
export const parseRow = (
  line: string,
  lineNumber: number,
): InterchangeRow | { readonly problem: RowProblem; readonly row: number; readonly participantRef: string } => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: new RowProblem('ROW_NOT_JSON', 'The row is not a JSON object on one line.'), row: lineNumber, participantRef: '' };
  }
  const raw = isRecord(value) ? value : {};
  const row = Number.isSafeInteger(raw.row) && (raw.row as number) > 0 ? (raw.row as number) : lineNumber;
  const participantRef = participantRefOf(raw);
  const fail = (what: string) => ({ problem: malformed(what), row, participantRef });
  if (!isRecord(value)) return fail('it must be a JSON object');
  if (raw.row !== undefined && row !== raw.row) return fail('"row" must be a whole number above 0');
  if (participantRef === '') return fail('"participantRef" must name the participant (1 to 128 characters)');
  if (typeof raw.type !== 'string' || !(JOURNEY_COMMAND_TYPES as readonly string[]).includes(raw.type))
    return {
      problem: new RowProblem('UNKNOWN_COMMAND', `"${String(raw.type)}" is not a journey command of this engine.`),
      row,
      participantRef,
    };
  if (!isIsoInstant(raw.occurredAt)) return fail('"occurredAt" must be an ISO 8601 time with its zone');
  if (!isIsoInstant(raw.recordedAt)) return fail('"recordedAt" must be an ISO 8601 time with its zone');
  if (!isText(raw.site, 64)) return fail('"site" must name the site it was recorded at');
  const by = raw.recordedBy;
  if (!isRecord(by) || !isText(by.userId, 128) || !isText(by.organisation, 128))
    return fail('"recordedBy" must be {"userId", "role", "organisation"}');
  if (!(ACTOR_ROLES as readonly unknown[]).includes(by.role)) return fail(`"recordedBy.role" must be one of ${ACTOR_ROLES.join(', ')}`);
  if (!isRecord(raw.data)) return fail('"data" must be the command\'s data, an object');
  if (raw.data.occurredAt !== undefined && raw.data.occurredAt !== raw.occurredAt)
    return fail('"data.occurredAt", when given, must be the row\'s "occurredAt"');
  if (
    raw.recorded !== undefined &&
    (!Array.isArray(raw.recorded) || !raw.recorded.every((t) => typeof t === 'string' && isJourneyEventType(t)))
  )
    return fail('"recorded" must list event types of this engine');
  for (const id of ['correlationId', 'causationId'] as const)
    if (raw[id] !== undefined && raw[id] !== null && !isText(raw[id], 128)) return fail(`"${id}" must be an id`);
  return { ...(raw as unknown as InterchangeRow), row, participantRef };
};
