import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide, participantStreamId, toNewEvent } from '@workwell/domain';
import type { AppendResult } from '@workwell/event-store';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { assertMayReach } from './site-access';
import { loadJourney } from './journey-stream';
import { RecordJourney } from './record-journey.command';

/** Load, decide, append: the one command runner behind every journey endpoint. */
@CommandHandler(RecordJourney)
export class RecordJourneyHandler implements ICommandHandler<RecordJourney, AppendResult> {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  async execute({ command, principal, ifMatch }: RecordJourney): Promise<AppendResult> {
    const { participantId, idempotencyKey } = command.context;
    const streamId = participantStreamId(participantId);
    const journey = await loadJourney(this.deps.eventStore, streamId);
    if (command.type !== 'ReferParticipant') assertMayReach(principal, participantId, journey);
    if (ifMatch !== undefined && ifMatch !== journey.version) {
      throw new ProblemError(
        problem(412, 'STALE_VERSION', 'Precondition failed', `The participant's record is at version ${journey.version}, not ${ifMatch}: someone recorded something since you loaded it. Reload and try again.`, {
          currentVersion: journey.version,
        }),
      );
    }
    const events = decide(command, journey).map((event) => toNewEvent(command, event));
    return this.deps.eventStore.append(streamId, events, {
      expectedVersion: journey.version === 0 ? 'no_stream' : journey.version,
      idempotencyKey: idempotencyKey ? `${streamId}:${idempotencyKey}` : undefined,
    });
  }
}
