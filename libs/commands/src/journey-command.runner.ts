import {
  evolve,
  initialState,
  isJourneyRuleBroken,
  participantStreamId,
  toRecordedJourneyEvent,
  type CommandContext,
  type Journey,
  type JourneyCommandType,
} from '@workwell/domain';
import { ConcurrencyConflict, readWholeStream, type AppendResult, type EventStore, type StoredEvent } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import type { SiteRegistrySource } from '@workwell/sites';
import { JourneyCache } from './journey-cache';
import { decideHistory, StaleVersion, type JourneyRequest } from './journey-decision';
import { keySealer } from './sealer';

export { StaleVersion, type JourneyRequest } from './journey-decision';

export interface JourneyOutcome {
  readonly result: AppendResult;
  /** The journey after the command (for a retried command: as the store has it now). */
  readonly journey: Journey;
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
  private readonly sites: SiteRegistrySource | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly keyStore: KeyStore,
    options: {
      readonly cacheSize?: number;
      /** Where each command's site schedule comes from; without it every site follows the national schedule. */
      readonly sites?: SiteRegistrySource;
    } = {},
  ) {
    this.journeys = new JourneyCache(options.cacheSize ?? 2_000);
    this.sites = options.sites;
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
    const sites = await this.sites?.current();
    const decision = await decideHistory([request], journey, keySealer(this.keyStore, request.context.participantId), { sites });
    if (!decision.accepted) throw decision.error;
    const events = decision.decided[0];
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
