import type { JourneyRequest, Sealer } from '@workwell/commands';
import { siteBound, type Role } from '@workwell/auth';
import {
  CLOCK_SKEW_MS,
  coded,
  isErasedPersonalData,
  LIAISON_TOPICS,
  londonDateOf,
  toMillis,
  validatePersonalDetails,
  ValidationFailed,
  type CommandContext,
  type Journey,
  type JourneyCommand,
  type JourneyCommandType,
  type JourneyEvent,
} from '@workwell/domain';
import type { InterchangeRow } from '../format/interchange.format';
import { mapPersonalFields } from '../format/personal-fields';
import { RowProblem } from '../format/row-problem';

export interface ParticipantImport {
  readonly system: string;
  readonly fileSha256: string;
  readonly participantId: string;
  readonly participantRef: string;
  /** Of the participant's rows, so that a second run can tell the same history from another. */
  readonly digest: string;
  /** Their history records an erasure: nothing of theirs is sealed, and personal fields may read as erased. */
  readonly erased: boolean;
  /** The import's clock, epoch millis. */
  readonly now: number;
}

export type ImportRequest = JourneyRequest<JourneyCommandType>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// A blocked liaison keeps no topic, so an export has none to give; any valid one decides the same, and none is stored.
const UNKNOWN_TOPIC = coded(LIAISON_TOPICS, LIAISON_TOPICS.codes[0]);

const recordingProblem = (row: InterchangeRow, previous: InterchangeRow | undefined, now: number): RowProblem | undefined => {
  if (previous !== undefined && toMillis(row.recordedAt) < toMillis(previous.recordedAt))
    return new RowProblem(
      'RECORDED_OUT_OF_ORDER',
      `Recorded at ${row.recordedAt}, before this participant's row ${previous.row} (recorded at ${previous.recordedAt}): a participant's rows come in the order they were recorded.`,
    );
  if (toMillis(row.recordedAt) > now + CLOCK_SKEW_MS)
    return new RowProblem(
      'RECORDED_IN_FUTURE',
      `Recorded at ${row.recordedAt}, which is later than now: a history holds what has been recorded.`,
    );
  return undefined;
};

const dataOf = async (row: InterchangeRow, previous: InterchangeRow | undefined, participant: ParticipantImport, seal: Sealer) => {
  const problem = recordingProblem(row, previous, participant.now);
  if (problem) throw problem;
  let data: Record<string, unknown> = { ...row.data, occurredAt: row.occurredAt };
  if (row.type === 'RecordEmployerLiaison' && (data.topic === undefined || data.topic === null)) data = { ...data, topic: UNKNOWN_TOPIC };
  if (row.type === 'ReferParticipant' && !isErasedPersonalData(data.personalDetails)) {
    const problems = validatePersonalDetails(data.personalDetails, londonDateOf(row.occurredAt), 'data.personalDetails');
    if (problems.length > 0) throw new ValidationFailed(problems);
  }
  return mapPersonalFields(row.type, data, async (value, field, where) => {
    if (isErasedPersonalData(value)) {
      if (!participant.erased)
        throw new RowProblem('PERSONAL_DATA_ERASED', `${where} reads as erased, but this participant's history records no erasure.`);
      return seal.text('erased');
    }
    if (field.json) {
      if (!isRecord(value)) throw new ValidationFailed([{ field: where, message: 'must be an object' }]);
      return seal.json(value);
    }
    if (typeof value !== 'string') throw new ValidationFailed([{ field: where, message: 'must be text' }]);
    return field.optional ? seal.optionalText(value) : seal.text(value);
  });
};

/** Coaches and managers record for their own site's participants only, as the API lets them. */
const reachOf =
  (row: InterchangeRow) =>
  (journey: Journey, command: JourneyCommand): void => {
    if (!siteBound(row.recordedBy.role as Role)) return;
    const sites = [journey.episode?.siteId, command.type === 'ReferParticipant' ? command.data.siteId : undefined];
    const other = sites.find((site) => site !== undefined && site !== row.site);
    if (other !== undefined)
      throw new RowProblem(
        'RECORDER_OTHER_SITE',
        `Recorded by ${row.recordedBy.role} ${row.recordedBy.userId} of ${row.site} for a participant of ${other}: coaches and managers record for their own site's participants only.`,
      );
  };

const acceptanceOf = (row: InterchangeRow): ((events: readonly JourneyEvent[]) => void) | undefined => {
  const expected = row.recorded;
  const withoutTopic = row.type === 'RecordEmployerLiaison' && (row.data.topic === undefined || row.data.topic === null);
  if (expected === undefined && !withoutTopic) return undefined;
  return (events) => {
    const types = events.map((event) => event.type);
    if (withoutTopic && types.includes('EmployerLiaisonRecorded'))
      throw new RowProblem(
        'LIAISON_TOPIC_REQUIRED',
        "The liaison has no topic, but the participant's consent covered it and it is recorded: its topic is needed.",
      );
    if (expected !== undefined && (expected.length !== types.length || expected.some((type, i) => type !== types[i])))
      throw new RowProblem(
        'OUTCOME_DIFFERS',
        `The source recorded ${expected.join(' + ') || 'nothing'}, the journey rules decide ${types.join(' + ')}: usually a consent recorded differently.`,
      );
  };
};

const contextOf = (row: InterchangeRow, participant: ParticipantImport): CommandContext => ({
  participantId: participant.participantId,
  actor: { userId: row.recordedBy.userId, role: row.recordedBy.role, organisation: row.recordedBy.organisation, site: row.site },
  now: row.recordedAt,
  correlationId: row.correlationId ?? `import:${participant.fileSha256.slice(0, 16)}:${row.row}`,
  causationId: row.causationId ?? null,
});

/**
 * A participant's rows as the runner's requests, in order: each recorded by its own recorder at
 * its own time, checked for the reach the API would have given them, and marked with where it
 * came from. The first names the participant's reference and history digest, which a second
 * run compares.
 */
export const requestsOf = (rows: readonly InterchangeRow[], participant: ParticipantImport): ImportRequest[] =>
  rows.map((row, index) => {
    const importedFrom = { system: participant.system, file: participant.fileSha256, row: row.row };
    return {
      type: row.type,
      context: contextOf(row, participant),
      data: (seal: Sealer) => dataOf(row, rows[index - 1], participant, seal) as never,
      mayReach: reachOf(row),
      accept: acceptanceOf(row),
      metadata: {
        importedFrom:
          index === 0 ? { ...importedFrom, participantRef: participant.participantRef, history: participant.digest } : importedFrom,
      },
    };
  });
