import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { JourneyCommandRunner, type JourneyOutcome } from '@workwell/commands';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { JourneyRecorded, RecordJourney } from './record-journey.command';

/** Every journey command of the API, through the one runner: load, decide, append. */
@CommandHandler(RecordJourney)
export class RecordJourneyHandler implements ICommandHandler<RecordJourney, JourneyOutcome> {
  private readonly runner: JourneyCommandRunner;

  constructor(
    @Inject(API_DEPENDENCIES) deps: ApiDependencies,
    private readonly eventBus: EventBus,
  ) {
    this.runner = new JourneyCommandRunner(deps.eventStore, deps.keyStore, { sites: deps.sites });
  }

  async execute({ request }: RecordJourney): Promise<JourneyOutcome> {
    const outcome = await this.runner.run(request);
    const { result } = outcome;
    this.eventBus.publish(new JourneyRecorded(request.type, request.context.participantId, result.events, result.duplicate));
    return outcome;
  }
}
