import {
  decide,
  evolve,
  initialState,
  isJourneyRuleBroken,
  participantStreamId,
  toNewEvent,
  toRecordedJourneyEvent,
  type CommandContext,
  type Journey,
  type JourneyCommand,
  type JourneyCommandOfType,
  type JourneyCommandType,
} from '@workwell/domain';
import { ConcurrencyConflict, readWholeStream, type AppendResult, type EventStore, type StoredEvent } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import { JourneyCache } from './journey-cache';
import { keySealer, placeholderSealer, type Sealer } from './sealer';

export interface JourneyRequest<T extends JourneyCommandType> {
  readonly type: T;
  readonly context: CommandContext;
  /**
   * The command's data. Called first with a sealer that seals nothing, to decide; only an
   * accepted command is built again with the participant's key, so a refusal leaves no key.
   */
  readonly data: (seal: Sealer) => Promise<JourneyCommandOfType<T>['data']> | JourneyCommandOfType<T>['data'];
  /** The stream version the caller last saw (If-Match): refused with `StaleVersion` if it moved on. */
  readonly expectedVersion?: number;
  /** Throws when the caller may not act on this participant as the stream has it (its site, say). */
  readonly mayReach?: (journey: Journey, command: JourneyCommand) => void;
  /** Kept with each event (what the request was, so that a reused idempotency key is recognised). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface JourneyOutcome {
  readonly result: AppendResult;
  /** The journey after the command (for a retried command: as the store has it now). */
  readonly journey: Journey;
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

const attempts = 3;

const fold = (events: readonly StoredEvent[], from: Journey = initialState()): Journey =>
  events.map(toRecordedJourneyEvent).reduce<Journey>(evolve, from);

/**
 * The one command runner behind every door (HTTP, command line, imports): load the participant's
 * stream, decide, append with the version it read as the expected version and the command's
 * idempotency key. Journeys this process wrote or read last are cached, so a command usually
 * needs no read; a cached journey behind another process's write costs one concurrency conflict,
 * after which the stream is read again and the command decided again (unless the caller pinned a
 * version, which then answers `StaleVersion`). A retried command whose first attempt was recorded
 * gets that first result back.
 */
export class JourneyCommandRunner {
  private readonly journeys: JourneyCache;

  constructor(
    private readonly store: EventStore,
    private readonly keyStore: KeyStore,
    options: { readonly cacheSize?: number } = {},
  ) {
    this.journeys = new JourneyCache(options.cacheSize ?? 2_000);
  }

  /** The participant's journey as its stream says now. */
  async load(participantId: string): Promise<Journey> {
    return fold(await readWholeStream(this.store, participantStreamId(participantId)));
  }

  async run<T extends JourneyCommandType>(request: JourneyRequest<T>): Promise<JourneyOutcome> {
    const { participantId, idempotencyKey } = request.context;
    const streamId = participantStreamId(participantId);
    for (let attempt = 1; ; attempt++) {
      const cached = attempt === 1 ? this.journeys.get(streamId) : undefined;
      const journey = cached ?? (await this.load(participantId));
      try {
        return await this.attempt(request, streamId, journey);
      } catch (error) {
        this.journeys.forget(streamId);
        const stale = error instanceof ConcurrencyConflict || error instanceof StaleVersion;
        // A cached journey may be behind another process's write: decide again on the stored one.
        if (stale && cached !== undefined) continue;
        const earlier =
          idempotencyKey !== undefined && (stale || isJourneyRuleBroken(error)) ? await this.earlierResult(request) : undefined;
        if (earlier) return earlier;
        if (error instanceof ConcurrencyConflict && request.expectedVersion !== undefined)
          throw new StaleVersion(error.actual, request.expectedVersion);
        if (error instanceof ConcurrencyConflict && attempt < attempts) continue;
        throw error;
      }
    }
  }

  private async attempt<T extends JourneyCommandType>(
    request: JourneyRequest<T>,
    streamId: string,
    journey: Journey,
  ): Promise<JourneyOutcome> {
    const command = async (seal: Sealer) =>
      ({ type: request.type, data: await request.data(seal), context: request.context }) as JourneyCommand;
    const draft = await command(placeholderSealer(request.context.participantId));
    request.mayReach?.(journey, draft);
    if (request.expectedVersion !== undefined && request.expectedVersion !== journey.version)
      throw new StaleVersion(journey.version, request.expectedVersion);
    decide(draft, journey);
    const real = await command(keySealer(this.keyStore, request.context.participantId));
    const events = decide(real, journey).map((event) => {
      const ready = toNewEvent(real, event);
      return request.metadata === undefined ? ready : { ...ready, metadata: { ...ready.metadata, ...request.metadata } };
    });
    const result = await this.store.append(streamId, events, {
      expectedVersion: journey.version === 0 ? 'no_stream' : journey.version,
      idempotencyKey: storeKey(request.context),
    });
    if (result.duplicate || result.streamId !== streamId) {
      this.journeys.forget(streamId);
      return { result, journey };
    }
    const next = fold(result.events, journey);
    this.journeys.set(streamId, next);
    return { result, journey: next };
  }

  /** The events an earlier command with this key, from this user, recorded on this stream, as the store would have answered. */
  private async earlierResult<T extends JourneyCommandType>(request: JourneyRequest<T>): Promise<JourneyOutcome | undefined> {
    const { participantId, idempotencyKey, actor } = request.context;
    const streamId = participantStreamId(participantId);
    const stored = await readWholeStream(this.store, streamId);
    const events = stored.filter(
      (event) =>
        event.metadata.idempotencyKey === idempotencyKey &&
        (event.metadata.actor as { userId?: string } | undefined)?.userId === actor.userId,
    );
    if (events.length === 0) return undefined;
    const last = events[events.length - 1];
    return { result: { streamId, version: last.version, position: last.position, duplicate: true, events }, journey: fold(stored) };
  }
}

/**
 * The store's idempotency key: one request of one user, whichever participant it names, so a key
 * reused by the same user for another participant finds the first request (and is refused by
 * whoever compares the requests) instead of recording a second one.
 */
export const storeKey = (context: CommandContext): string | undefined =>
  context.idempotencyKey === undefined ? undefined : `user:${context.actor.userId}:${context.idempotencyKey}`;
