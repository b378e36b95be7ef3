import { replayCommands } from '@workwell/synthetic';
import { coded } from '../src/code-lists/code-list.types';
import * as lists from '../src/code-lists';
import type { OutcomeEmploymentStatus } from '../src/journey/exit.events';
import type { CommandContext, JourneyCommand } from '../src/journey/journey.commands';
import type { JourneyEvent } from '../src/journey/journey.events';
import type { RecordedJourneyEvent } from '../src/journey/journey.metadata';
import { type IsoInstant, toMillis } from '../src/shared/iso-time.values';
import { commands, day, PARTICIPANT_ID } from './journey.fixtures';
import { type OutcomeRecordOptions, outcomeRecords } from '../src/reporting/outcome-record.report';
import type { OutcomeRecord } from '../src/reporting/outcome-record.types';

/** The same command, for another participant or recorded at another time (a late entry). */
export const withContext = <C extends JourneyCommand>(command: C, context: Partial<CommandContext>): C => ({
  ...command,
  context: { ...command.context, ...context },
});

export const recordedAt = <C extends JourneyCommand>(command: C, now: IsoInstant): C => withContext(command, { now });

export interface Script {
  readonly participantId: string;
  readonly commands: readonly JourneyCommand[];
}

/**
 * Runs each participant's commands through the decider, as the API would, and stores the events
 * as one store would: `recordedAt` from each command's clock, global positions in recording order.
 */
export const storedEvents = (...scripts: readonly Script[]): RecordedJourneyEvent[] => {
  const replayed = scripts.flatMap(({ participantId, commands }) =>
    replayCommands(commands.map((command) => withContext(command, { participantId }))).events.map((event) => ({ ...event, participantId })),
  );
  replayed.sort(
    (a, b) =>
      toMillis(a.recordedAt) - toMillis(b.recordedAt) ||
      (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : a.version - b.version),
  );
  return replayed.map(
    ({ participantId, type, data, metadata, recordedAt: at, version }, index) =>
      ({
        type,
        data,
        metadata,
        recordedAt: at,
        version,
        position: index + 1,
        streamId: `participant-${participantId}`,
        eventId: `${participantId}-${version}`,
      }) as RecordedJourneyEvent<JourneyEvent>,
  );
};

/** What the store held at `instant`: the evaluators' as-of cut. */
export const knownAt = (events: readonly RecordedJourneyEvent[], instant: IsoInstant): RecordedJourneyEvent[] =>
  events.filter((event) => toMillis(event.recordedAt) <= toMillis(instant));

/** A reached outcome with this employment status, 30 hours a week. */
export const reachedWith = (code: OutcomeEmploymentStatus) => ({
  reached: true as const,
  employmentStatus: coded(lists.OUTCOME_EMPLOYMENT_STATUSES, code),
  hoursPerWeek: 30,
  source: coded(lists.OUTCOME_SOURCES, 'participant'),
});

/** Outcomes at the checkpoints of a start on `day(10)`, observed on the day they fall due. */
export const at12Weeks = (code: OutcomeEmploymentStatus, occurredAt = day(94)) =>
  commands.outcome({ occurredAt, result: reachedWith(code) });
export const at26Weeks = (code: OutcomeEmploymentStatus, occurredAt = day(192)) =>
  commands.outcome({ occurredAt, checkpoint: coded(lists.CHECKPOINTS, '26-weeks'), result: reachedWith(code) });

/** The one outcome record of the fixture participant's script. */
export const recordOf = (script: readonly JourneyCommand[], options?: OutcomeRecordOptions): OutcomeRecord => {
  const records = outcomeRecords(storedEvents({ participantId: PARTICIPANT_ID, commands: script }), options);
  if (records.length !== 1) throw new Error(`expected one record, got ${records.length}`);
  return records[0];
};
