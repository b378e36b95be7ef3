import type { EventStore, StoredEvent } from '../event-store.port';
import { checkLink, type StreamProblem } from './stream-chain';

export type { StreamProblem } from './stream-chain';

export interface VerifyProgress {
  readonly streams: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface VerifyReport extends VerifyProgress {
  readonly ok: boolean;
  /** At most one per stream: the first place where it differs from what was recorded. */
  readonly problems: readonly StreamProblem[];
}

export interface VerifyOptions {
  readonly streamPrefix?: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Events between progress reports (default 5,000). */
  readonly progressEvery?: number;
}

/**
 * Recomputes every stream's hash chain and reports, per stream, the first altered, missing or
 * reordered event. The streams are read through the port in stream order, each whole with its
 * hashes (as stored: gaps are what verification looks for), so memory holds one stream at a time
 * however large the log.
 */
export const verifyStreams = async (store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const started = Date.now();
  const problems: StreamProblem[] = [];
  let streams = 0;
  let events = 0;
  const progress = (): VerifyProgress => {
    const elapsedMs = Date.now() - started;
    return { streams, events, elapsedMs, eventsPerSecond: Math.round((events / Math.max(1, elapsedMs)) * 1000) };
  };
  let reported = 0;
  for await (const stream of store.streams({ prefix: options.streamPrefix ?? '', hashes: true })) {
    streams++;
    const chain = stream.events as readonly StoredEvent[];
    for (let i = 0; i < chain.length; i++) {
      const found = checkLink(chain[i], chain[i - 1], chain[i + 1]);
      if (found) {
        problems.push(found);
        break;
      }
    }
    events += chain.length;
    if (events - reported >= (options.progressEvery ?? 5_000)) {
      reported = events;
      options.onProgress?.(progress());
    }
  }
  const report = progress();
  options.onProgress?.(report);
  return { ...report, ok: problems.length === 0, problems };
};
