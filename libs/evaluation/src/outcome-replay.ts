import type { Pool } from 'pg';
import { DEFAULT_SITE_SCHEDULE, episodeFactsOf, type IsoInstant, type OutcomeRecord, type SiteSchedule, toOutcomeRecord } from '@workwell/domain';
import { PostgresEventStore, type EventStore } from '@workwell/event-store';
import { type AsOf, AsOfError } from './as-of.values';
import { streamsAsOf } from './journey-streams.reader';

export interface ReplayProgress {
  readonly eventsRead: number;
  readonly streams: number;
  readonly eventsPerSecond: number;
  readonly elapsedMs: number;
}

export interface ReplayOptions {
  /** Only this site's episodes (every stream is still read: the site is in the referral). */
  readonly siteId?: string;
  readonly schedule?: SiteSchedule;
  readonly fetchSize?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Called with each episode's record, in participant then episode order. */
  readonly onRecord: (record: OutcomeRecord) => void | Promise<void>;
}

export interface ReplaySummary {
  readonly asOf: AsOf;
  /** The instant lost to follow-up, service standards and censoring were judged at. */
  readonly judgedAt: IsoInstant;
  /** The newest event the records include: quote it to reproduce them. */
  readonly lastPosition: number;
  readonly eventsRead: number;
  readonly eventsKnown: number;
  readonly participants: number;
  readonly records: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/** For a position, the newest recording time at or below it: what the records are judged at. */
const judgedAtOf = async (source: Pool | EventStore, asOf: AsOf): Promise<IsoInstant> => {
  if (asOf.kind === 'recorded-time') return asOf.at;
  const pool = source instanceof PostgresEventStore ? source.pool : 'readAll' in source ? undefined : source;
  let latest: string | null = null;
  if (pool) {
    const { rows } = await pool.query<{ at: string | null }>(
      `SELECT to_char(max(recorded_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM events WHERE position <= $1`,
      [asOf.position],
    );
    latest = rows[0]?.at ?? null;
  } else {
    const store = source as EventStore;
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5_000 });
      const known = page.filter((event) => event.position <= asOf.position);
      for (const event of known) if (latest === null || event.recordedAt > latest) latest = event.recordedAt;
      if (page.length === 0 || known.length < page.length) break;
      after = page[page.length - 1].position;
    }
  }
  if (latest === null) throw new AsOfError(`nothing had been recorded by position ${asOf.position}`);
  return latest;
};

/**
 * Rebuilds every participant episode's outcome record exactly as the store knew it at the as-of
 * point, one participant at a time in stream order: memory stays flat however large the store.
 */
export const replayOutcomes = async (source: Pool | EventStore, asOf: AsOf, options: ReplayOptions): Promise<ReplaySummary> => {
  const started = performance.now();
  const judgedAt = await judgedAtOf(source, asOf);
  const schedule = options.schedule ?? DEFAULT_SITE_SCHEDULE;
  let eventsRead = 0;
  let eventsKnown = 0;
  let participants = 0;
  let records = 0;
  let lastPosition = 0;
  const progress = (): ReplayProgress => {
    const elapsedMs = performance.now() - started;
    return { eventsRead, streams: participants, elapsedMs, eventsPerSecond: Math.round((eventsRead / Math.max(elapsedMs, 1)) * 1000) };
  };
  const streams = streamsAsOf(source, asOf, {
    fetchSize: options.fetchSize,
    onRead: (read) => {
      eventsRead = read.events;
      options.onProgress?.(progress());
    },
  });
  for await (const { events } of streams) {
    participants++;
    eventsKnown += events.length;
    for (const event of events) if (event.position > lastPosition) lastPosition = event.position;
    for (const facts of episodeFactsOf(events)) {
      if (options.siteId !== undefined && facts.referral.data.siteId !== options.siteId) continue;
      records++;
      await options.onRecord(toOutcomeRecord(facts, schedule, judgedAt));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    asOf,
    judgedAt,
    lastPosition,
    eventsRead,
    eventsKnown,
    participants,
    records,
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(eventsRead / Math.max(seconds, 0.001)),
  };
};
