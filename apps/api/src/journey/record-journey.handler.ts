import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide, evolve, participantStreamId, toNewEvent, toRecordedJourneyEvent, type Journey } from '@workwell/domain';
import { ConcurrencyConflict, type AppendResult } from '@workwell/event-store';
import { loadJourney } from '@workwell/runtime';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { JourneyCache } from './journey-cache';
import { RecordJourney } from './record-journey.command';
import { assertMayReach, assertMayRefer } from './site-access';

const stale = (current: number, ifMatch: number) =>
  new ProblemError(
    problem(
      412,
      'STALE_VERSION',
      'Precondition failed',
      `The participant's record is at version ${current}, not ${ifMatch}: someone recorded something since you loaded it. Reload and try again.`,
      {
        currentVersion: current,
      },
    ),
  );

/** Load, decide, append: the one command runner behind every journey endpoint. */
@CommandHandler(RecordJourney)
export class RecordJourneyHandler implements ICommandHandler<RecordJourney, AppendResult> {
  private readonly journeys = new JourneyCache(2_000);

  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  async execute(request: RecordJourney): Promise<AppendResult> {
    const streamId = participantStreamId(request.command.context.participantId);
    const cached = this.journeys.get(streamId);
    try {
      return await this.attempt(
        request,
        streamId,
        cached ?? (await loadJourney(this.deps.eventStore, request.command.context.participantId)),
      );
    } catch (error) {
      this.journeys.forget(streamId);
      // A cached journey may be behind another process's write: decide again on the stored one.
      if (
        cached === undefined ||
        !(error instanceof ConcurrencyConflict || (error instanceof ProblemError && error.problem.code === 'STALE_VERSION'))
      )
        throw error;
      return this.attempt(request, streamId, await loadJourney(this.deps.eventStore, request.command.context.participantId));
    }
  }

  private async attempt(
    { command, principal, ifMatch, requestLine }: RecordJourney,
    streamId: string,
    journey: Journey,
  ): Promise<AppendResult> {
    const { participantId, idempotencyKey } = command.context;
    if (command.type !== 'ReferParticipant') assertMayReach(principal, participantId, journey);
    else if (journey.version > 0) assertMayRefer(principal, participantId, journey);
    if (ifMatch !== undefined && ifMatch !== journey.version) throw stale(journey.version, ifMatch);
    const events = decide(command, journey).map((event) => {
      const ready = toNewEvent(command, event);
      return { ...ready, metadata: { ...ready.metadata, request: requestLine } };
    });
    const result = await this.deps.eventStore.append(streamId, events, {
      expectedVersion: journey.version === 0 ? 'no_stream' : journey.version,
      idempotencyKey: idempotencyKey ? `${streamId}:${idempotencyKey}` : undefined,
    });
    if (result.duplicate) this.journeys.forget(streamId);
    else this.journeys.set(streamId, result.events.map(toRecordedJourneyEvent).reduce<Journey>(evolve, journey));
    return result;
  }
}
