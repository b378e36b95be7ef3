import type { JourneyRequest } from '@workwell/commands';
import type { JourneyCommandType } from '@workwell/domain';

/**
 * A journey command on its way to the runner. The command bus is the API's one door for writes:
 * journey commands here, the site registry's beside them; each handler is a few lines over the
 * runner every other door (command line, imports) uses too.
 */
export class RecordJourney<T extends JourneyCommandType = JourneyCommandType> {
  constructor(readonly request: JourneyRequest<T>) {}
}

/** Published after a journey command was recorded, for what watches the API work (metrics). */
export class JourneyRecorded {
  constructor(
    readonly type: JourneyCommandType,
    readonly participantId: string,
    readonly events: readonly { readonly type: string; readonly version: number; readonly position: number }[],
    readonly duplicate: boolean,
  ) {}
}
