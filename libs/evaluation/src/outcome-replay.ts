import { type IsoInstant, PARTICIPANT_STREAM_PREFIX, type SiteRegistry, siteRegistryKnownAt } from '@workwell/domain';
import { loadSiteRegistry } from '@workwell/sites';
import type { EventStore, KnownAt } from '@workwell/event-store';
import { defaultThreads, runPartitions } from '@workwell/parallel';
import { type AsOf, AsOfError } from './as-of.values';
import type { SinkResult, SinkSpec } from './record-sinks';
import { type PartitionInput, type PartitionProgress, type PartitionResult, replayPart } from './replay-partition';

export interface ReplayProgress {
  readonly eventsRead: number;
  readonly streams: number;
  readonly eventsPerSecond: number;
  readonly elapsedMs: number;
}

export interface ReplayOptions {
  /** Only this site's episodes (every stream is still read: the site is in the referral). */
  readonly siteId?: string;
  /** The sites' configurations as known at the replay's cut of the store; by default the store's own. */
  readonly sitesAt?: (knownAt: KnownAt) => SiteRegistry;
  readonly fetchSize?: number;
  /**
   * Threads replaying parts of the store side by side, each as of the same point (default: half
   * the machine's cores, as each keeps a database backend as busy as itself); 1 reads it here. A
   * store held in this process's memory is read here.
   */
  readonly threads?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** What becomes of the records of each part (`part` counts from 0 in store order): a part may run on another thread. */
  readonly sink: (part: number) => SinkSpec;
}

export interface ReplayResult {
  readonly summary: ReplaySummary;
  /** What each part's sink made of its records, in store order. */
  readonly parts: readonly SinkResult[];
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
const judgedAtOf = async (store: EventStore, asOf: AsOf): Promise<IsoInstant> => {
  if (asOf.kind === 'recorded-time') return asOf.at;
  const latest = await store.latestRecordedAt(asOf.position);
  if (latest === null) throw new AsOfError(`nothing had been recorded by position ${asOf.position}`);
  return latest;
};

/**
 * The point a replay reads the store as of: the as-of point, and never past the head when the
 * replay began, so that parts read side by side see one state of the store (events at or below
 * the head are final).
 */
const knownAtOf = (asOf: AsOf, head: number): KnownAt =>
  asOf.kind === 'position' ? { position: Math.min(asOf.position, head) } : { position: head, recordedAt: asOf.at };

/**
 * Rebuilds every participant episode's outcome record exactly as the store knew it at the as-of
 * point, one participant at a time in stream order, and hands them to the sink: memory stays
 * flat however large the store. On PostgreSQL the streams are split into ranges replayed on
 * `threads` threads, all in one exported snapshot, and the parts come back in store order, so
 * that the result does not depend on how many threads there were.
 */
export const replayOutcomes = async (store: EventStore, asOf: AsOf, options: ReplayOptions): Promise<ReplayResult> => {
  const started = performance.now();
  const judgedAt = await judgedAtOf(store, asOf);
  const knownAt = knownAtOf(asOf, await store.headPosition());
  const base = {
    knownAt,
    judgedAt,
    siteId: options.siteId,
    sites: options.sitesAt?.(knownAt) ?? siteRegistryKnownAt(await loadSiteRegistry(store), knownAt),
    fetchSize: options.fetchSize,
  };
  const latest: PartitionProgress[] = [];
  const report = (part: number, progress: PartitionProgress) => {
    latest[part] = progress;
    let eventsRead = 0;
    let streams = 0;
    for (const each of latest) {
      eventsRead += each?.eventsRead ?? 0;
      streams += each?.streams ?? 0;
    }
    const elapsedMs = performance.now() - started;
    options.onProgress?.({ eventsRead, streams, elapsedMs, eventsPerSecond: Math.round((eventsRead / Math.max(elapsedMs, 1)) * 1000) });
  };
  const shared = store.shared();
  const threads = shared === undefined ? 1 : (options.threads ?? defaultThreads('half-the-cores'));
  let parts: PartitionResult[];
  if (shared === undefined || threads <= 1) {
    parts = [await replayPart(store, { ...base, sink: options.sink(0) }, (progress) => report(0, progress))];
  } else {
    // More parts than threads: a thread that finishes early takes the next.
    const ranges = await store.streamRanges(PARTICIPANT_STREAM_PREFIX, threads * 4);
    parts = await runPartitions<PartitionInput, PartitionProgress, PartitionResult>({
      module: require.resolve('./replay-partition'),
      inputs: ranges.map((range, part) => ({ ...base, store: shared, range, sink: options.sink(part) })),
      threads,
      onProgress: report,
    });
  }
  const total = (key: 'eventsRead' | 'eventsKnown' | 'participants' | 'records') => parts.reduce((sum, part) => sum + part[key], 0);
  const seconds = (performance.now() - started) / 1000;
  const eventsRead = total('eventsRead');
  return {
    summary: {
      asOf,
      judgedAt,
      lastPosition: Math.max(0, ...parts.map((part) => part.lastPosition)),
      eventsRead,
      eventsKnown: total('eventsKnown'),
      participants: total('participants'),
      records: total('records'),
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(eventsRead / Math.max(seconds, 0.001)),
    },
    parts: parts.map((part) => part.sink),
  };
};
