import type { JourneyCommand } from '@workwell/domain';
import type { Principal } from '@workwell/auth';

/** Sent on the command bus by every journey controller; one handler runs them all. */
export class RecordJourney {
  constructor(
    readonly command: JourneyCommand,
    readonly principal: Principal,
    /** The stream version the caller last saw (If-Match), when it sent one. */
    readonly ifMatch: number | undefined,
    /** `POST /participants/{id}/sessions`: kept with the events, so a reused idempotency key is recognised. */
    readonly requestLine: string,
  ) {}
}
