import type { JourneyCommand } from '@workwell/domain';
import { decide, decideValidated } from '@workwell/domain';
import { evolve } from '@workwell/domain';
import { CURRENT_SCHEMA_VERSION } from '@workwell/domain';
import { type NewJourneyEvent, toEventMetadata } from '@workwell/domain';
import { initialState, type Journey } from '@workwell/domain';
import { JourneyRuleBroken, ValidationFailed } from '@workwell/domain';
import type { IsoInstant } from '@workwell/domain';

export type ReplayedEvent = NewJourneyEvent & {
  /** Its version in the participant's stream. */
  readonly version: number;
  /** The recording clock of the command that produced it: what a bulk import may store as `recordedAt`. */
  readonly recordedAt: IsoInstant;
};

export interface Refusal {
  readonly index: number;
  readonly command: JourneyCommand;
  readonly error: JourneyRuleBroken | ValidationFailed;
}

export interface ReplayResult {
  readonly events: ReplayedEvent[];
  readonly journey: Journey;
  readonly refusals: Refusal[];
}

export interface ReplayOptions {
  /** Collect refusals instead of throwing on the first; a refused command changes nothing. */
  readonly skipRefusals?: boolean;
  /** Field validation, on by default; turn it off only for commands made by the generator itself. */
  readonly validate?: boolean;
  readonly from?: Journey;
}

/** Runs one participant's commands through `decide` and `evolve`, as the API would one by one, and returns the events ready to append. */
export const replayCommands = (
  commands: Iterable<JourneyCommand>,
  { skipRefusals = false, validate = true, from = initialState() }: ReplayOptions = {},
): ReplayResult => {
  const decideOne = validate ? decide : decideValidated;
  let journey = from;
  const events: ReplayedEvent[] = [];
  const refusals: Refusal[] = [];
  let index = -1;
  for (const command of commands) {
    index += 1;
    let decided;
    try {
      decided = decideOne(command, journey);
    } catch (error) {
      if (!skipRefusals || !(error instanceof JourneyRuleBroken || error instanceof ValidationFailed)) throw error;
      refusals.push({ index, command, error });
      continue;
    }
    for (const event of decided) {
      journey = evolve(journey, event);
      events.push({
        ...event,
        schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
        metadata: toEventMetadata(command, event),
        version: journey.version,
        recordedAt: command.context.now,
      });
    }
  }
  return { events, journey, refusals };
};

/** Replayed events grouped by the command that produced them (they share its correlation id): one append each, as the API makes them. */
export const eventsByCommand = (events: readonly ReplayedEvent[]): ReplayedEvent[][] => {
  const groups: ReplayedEvent[][] = [];
  for (const event of events) {
    const last = groups[groups.length - 1];
    if (last && last[0].metadata.correlationId === event.metadata.correlationId) last.push(event);
    else groups.push([event]);
  }
  return groups;
};
