import { BACKWARDS, END, FORWARDS, StreamNotFoundError, type ReadPosition } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../event-store.port';
import type { EsdbClient, EsdbRecordedEvent, EsdbResolvedEvent } from './eventstoredb-client.port';
import { positionOf, splitMetadata, versionOfRevision } from './eventstoredb.mapping';

export interface StreamHead {
  /** 0 for a stream with no events. */
  readonly version: number;
  readonly position: number;
  readonly hash: string | null;
}

// What a leader failover or a network cut looks like from the client (its CommandError types).
export const transientErrorTypes: ReadonlySet<string> = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout', 'cancelled']);

export const isTransientError = (error: unknown): boolean => transientErrorTypes.has(String((error as { type?: unknown })?.type));

export const translateError = (error: unknown): unknown =>
  isTransientError(error) ? new EventStoreUnavailable(`EventStoreDB is unavailable: ${(error as Error).message}`, error) : error;

/** Bounded reads of EventStoreDB, each one call with an explicit maxCount; a missing stream reads as empty. */
export class EsdbReader {
  constructor(private readonly client: EsdbClient) {}

  async head(stream: string): Promise<StreamHead> {
    const [last] = await this.recent(stream, 1);
    if (!last) return { version: 0, position: 0, hash: null };
    return {
      version: versionOfRevision(last.revision),
      position: positionOf(last.position) ?? 0,
      hash: splitMetadata(last.metadata).workwell?.hash ?? null,
    };
  }

  /** `count` events from version `fromVersion` on. */
  range(stream: string, fromVersion: number, count: number): Promise<EsdbRecordedEvent[]> {
    return this.collect(() =>
      this.client.readStream(stream, { fromRevision: BigInt(fromVersion - 1), maxCount: count, direction: FORWARDS }),
    );
  }

  /** The stream's last `count` events, newest first. */
  recent(stream: string, count: number): Promise<EsdbRecordedEvent[]> {
    return this.collect(() => this.client.readStream(stream, { fromRevision: END, maxCount: count, direction: BACKWARDS }));
  }

  all(fromPosition: ReadPosition, count: number, direction: typeof FORWARDS | typeof BACKWARDS): Promise<EsdbRecordedEvent[]> {
    return this.collect(() => this.client.readAll({ fromPosition, maxCount: count, direction }));
  }

  private async collect(read: () => AsyncIterable<EsdbResolvedEvent>): Promise<EsdbRecordedEvent[]> {
    const events: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of read()) if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateError(error);
    }
    return events;
  }
}
