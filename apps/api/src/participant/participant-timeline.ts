import { evolve, initialState, isJourneyEventType, participantStreamId, toRecordedJourneyEvent } from '@workwell/domain';
import { readWholeStream } from '@workwell/event-store';
import type { Principal } from '@workwell/auth';
import type { ApiDependencies } from '../infrastructure/api.dependencies';
import { assertMayReach } from '../journey/site-access';
import { openSealed } from '../reads/open-sealed';

/**
 * Every event of the participant's stream up to `version` (the one the caseload row reflects, so
 * the timeline and the position the answer states agree), upcast, corrections marked, personal
 * fields opened or shown as erased. Read from the event store: a per-participant history is what
 * a stream already is, indexed by stream, and a copy of every event in a read model would double
 * the store and every rebuild.
 */
export const timelineOf = async (deps: ApiDependencies, principal: Principal, participantId: string, version: number) => {
  const stored = await readWholeStream(deps.eventStore, participantStreamId(participantId), { upToVersion: version });
  const events = stored.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
  const journey = events.reduce(evolve, initialState());
  // The site is checked on the stream that is read, not only on the row that named it.
  assertMayReach(principal, participantId, journey);
  const { retracted } = journey;
  return Promise.all(
    events.map(async (event) => ({
      version: event.version,
      type: event.type,
      occurredAt: event.data.occurredAt,
      recordedAt: event.recordedAt,
      recordedBy: event.metadata.actor,
      retracted: retracted.includes(event.version),
      data: await openSealed(deps.keyStore, event.data),
    })),
  );
};
