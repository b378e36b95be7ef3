import { episodeFactsOf, type IsoInstant, type SiteRegistry, toOutcomeRecord } from '@workwell/domain';
import { openSharedStore, type EventStore, type KnownAt, type SharedStore, type StreamRange } from '@workwell/event-store';
import { inScope } from './evaluation-report';
import { journeysKnownAt } from './journey-streams.reader';
import { openSink, type SinkResult, type SinkSpec } from './record-sinks';

/** One part of a replay, as plain data: it may run on a thread of its own. */
export interface PartitionInput {
  /** The store to open, on a thread; a part run here reads the caller's store instead. */
  readonly store?: SharedStore;
  readonly knownAt: KnownAt;
  readonly judgedAt: IsoInstant;
  readonly range?: StreamRange;
  readonly siteId?: string;
  /** The sites' configurations as known at the same point (plain data, for a thread). */
  readonly sites: SiteRegistry;
  readonly fetchSize?: number;
  readonly sink: SinkSpec;
}

export interface PartitionProgress {
  readonly eventsRead: number;
  readonly streams: number;
}

export interface PartitionResult {
  readonly eventsRead: number;
  readonly eventsKnown: number;
  readonly participants: number;
  readonly records: number;
  readonly lastPosition: number;
  readonly sink: SinkResult;
}

/** Each participant of the part, one at a time: their episodes as known at the as-of point, into the sink. */
export const replayPart = async (
  store: EventStore,
  input: PartitionInput,
  report: (progress: PartitionProgress) => void,
): Promise<PartitionResult> => {
  const sink = openSink(input.sink);
  let eventsRead = 0;
  let eventsKnown = 0;
  let participants = 0;
  let records = 0;
  let lastPosition = 0;
  try {
    const streams = journeysKnownAt(store, input.knownAt, {
      range: input.range,
      fetchSize: input.fetchSize,
      onRead: (read) => {
        eventsRead = read.events;
        report({ eventsRead, streams: read.streams });
      },
    });
    for await (const { events } of streams) {
      participants++;
      eventsKnown += events.length;
      for (const event of events) if (event.position > lastPosition) lastPosition = event.position;
      for (const facts of episodeFactsOf(events)) {
        const record = toOutcomeRecord(facts, input.sites, input.judgedAt);
        if (!inScope(record, { siteId: input.siteId })) continue;
        records++;
        await sink.add(record);
      }
    }
    return { eventsRead, eventsKnown, participants, records, lastPosition, sink: await sink.finish() };
  } catch (error) {
    sink.abandon();
    throw error;
  }
};

/** The entry of a replay thread (see `@workwell/parallel`): the caller's store, opened here. */
export const runPartition = async (input: PartitionInput, report: (progress: PartitionProgress) => void): Promise<PartitionResult> => {
  if (input.store === undefined) throw new RangeError('a replay thread needs a store it can open');
  const opened = await openSharedStore(input.store, { connections: 1 });
  try {
    return await replayPart(opened.store, input, report);
  } finally {
    await opened.close();
  }
};
