import type { Pool } from 'pg';
import { createPool } from '@workwell/database';
import { episodeFactsOf, type IsoInstant, type SiteSchedule, toOutcomeRecord } from '@workwell/domain';
import type { EventStore, StreamRange } from '@workwell/event-store';
import type { AsOf } from './as-of.values';
import { streamsAsOf } from './journey-streams.reader';
import { openSink, type SinkResult, type SinkSpec } from './record-sinks';

/** One part of a replay, as plain data: it may run on a thread of its own. */
export interface PartitionInput {
  /** The database to connect to, on a thread; a part run here reads the caller's source instead. */
  readonly url?: string;
  readonly asOf: AsOf;
  readonly judgedAt: IsoInstant;
  readonly range?: StreamRange;
  readonly snapshot?: string;
  readonly siteId?: string;
  readonly schedule: SiteSchedule;
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
  source: Pool | EventStore,
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
    const streams = streamsAsOf(source, input.asOf, {
      range: input.range,
      snapshot: input.snapshot,
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
        if (input.siteId !== undefined && facts.referral.data.siteId !== input.siteId) continue;
        records++;
        await sink.add(toOutcomeRecord(facts, input.schedule, input.judgedAt));
      }
    }
    return { eventsRead, eventsKnown, participants, records, lastPosition, sink: await sink.finish() };
  } catch (error) {
    sink.abandon();
    throw error;
  }
};

/** The entry of a replay thread (see `@workwell/parallel`): its own connection, one at a time. */
export const runPartition = async (input: PartitionInput, report: (progress: PartitionProgress) => void): Promise<PartitionResult> => {
  if (input.url === undefined) throw new RangeError('a replay thread needs the database URL');
  const pool = createPool(input.url, { max: 1 });
  try {
    return await replayPart(pool, input, report);
  } finally {
    await pool.end();
  }
};
