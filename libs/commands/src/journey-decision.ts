import {
  decide,
  evolve,
  toNewEvent,
  type CommandContext,
  type Journey,
  type JourneyCommand,
  type JourneyCommandOfType,
  type JourneyCommandType,
  type JourneyEvent,
  type NewJourneyEvent,
  type SiteRegistry,
} from '@workwell/domain';
import { pendingSealer, type PendingEnvelope, type Sealer } from './sealer';
import { withSiteSchedule } from './site-schedule';

export interface JourneyRequest<T extends JourneyCommandType> {
  readonly type: T;
  readonly context: CommandContext;
  /**
   * The command's data. Called once, with a sealer whose envelopes are sealed for real only
   * after the command is accepted, so a refusal leaves no key.
   */
  readonly data: (seal: Sealer) => Promise<JourneyCommandOfType<T>['data']> | JourneyCommandOfType<T>['data'];
  /** The stream version the caller last saw (If-Match): refused with `StaleVersion` if it moved on. */
  readonly expectedVersion?: number;
  /** Throws when the caller may not act on this participant as the stream has it (its site, say). */
  readonly mayReach?: (journey: Journey, command: JourneyCommand) => void;
  /**
   * Throws when the caller does not accept what the command decides (an import that expects the
   * events its source recorded); asked before anything is sealed.
   */
  readonly accept?: (events: readonly JourneyEvent[]) => void;
  /** Kept with each event (what the request was, so that a reused idempotency key is recognised). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** The caller's expected version is not the stream's: someone recorded something since they read it. */
export class StaleVersion extends Error {
  constructor(
    readonly current: number,
    readonly expected: number,
  ) {
    super(`The participant's record is at version ${current}, not ${expected}: someone recorded something since you loaded it.`);
    this.name = 'StaleVersion';
  }
}

export type HistoryDecision =
  | {
      readonly accepted: true;
      /** The events of each request, in order, ready to append. */
      readonly decided: readonly (readonly NewJourneyEvent[])[];
      /** The journey after the last of them. */
      readonly journey: Journey;
    }
  | {
      readonly accepted: false;
      /** The first request refused: by a rule, a malformed field, the reach check or the expected version. */
      readonly index: number;
      readonly error: unknown;
    };

const commandOf = async <T extends JourneyCommandType>(request: JourneyRequest<T>, seal: Sealer): Promise<JourneyCommand> =>
  ({ type: request.type, data: await request.data(seal), context: request.context }) as JourneyCommand;

export interface DecisionOptions {
  /**
   * The site registry the commands are decided with: each command's context gets its site's
   * follow-up schedule (see `withSiteSchedule`). Absent: the national schedule, as before.
   */
  readonly sites?: SiteRegistry;
}

const withMetadata = (event: NewJourneyEvent, metadata: Readonly<Record<string, unknown>> | undefined): NewJourneyEvent =>
  metadata === undefined ? event : { ...event, metadata: { ...event.metadata, ...metadata } };

/**
 * Decides requests one after the other on the journey folded so far, as the command runner
 * decides one: each with placeholder envelopes (the caller's reach, the expected version, every
 * field and rule, and what the caller accepts), and only once all of them are accepted is each
 * personal field sealed with `seal`, into the very envelopes the events were decided with. So a
 * refusal anywhere in the history seals nothing and makes no key. One request is what the runner
 * appends; a participant's whole history is what an import writes in one piece.
 */
export const decideHistory = async <T extends JourneyCommandType>(
  requests: readonly JourneyRequest<T>[],
  from: Journey,
  seal: Sealer,
  options: DecisionOptions = {},
): Promise<HistoryDecision> => {
  const pending: PendingEnvelope[] = [];
  const decided: NewJourneyEvent[][] = [];
  let journey = from;
  for (let index = 0; index < requests.length; index++) {
    const request = requests[index];
    try {
      const command = withSiteSchedule(
        await commandOf(request, pendingSealer(request.context.participantId, seal, pending)),
        journey,
        options.sites,
      );
      request.mayReach?.(journey, command);
      if (request.expectedVersion !== undefined && request.expectedVersion !== journey.version)
        throw new StaleVersion(journey.version, request.expectedVersion);
      const events = decide(command, journey);
      request.accept?.(events);
      journey = events.reduce(evolve, journey);
      decided.push(events.map((event) => withMetadata(toNewEvent(command, event), request.metadata)));
    } catch (error) {
      return { accepted: false, index, error };
    }
  }
  for (const { envelope, seal: sealed } of pending) Object.assign(envelope, await sealed());
  return { accepted: true, decided, journey };
};
