import type {
  AppendExpectedRevision,
  AppendResult,
  Direction,
  Filter,
  JSONEventData,
  Position,
  ReadPosition,
  ReadRevision,
} from '@eventstore/db-client';

/**
 * The few calls of @eventstore/db-client the adapter makes, typed narrowly so that a real
 * `EventStoreDBClient` satisfies it as is and a hand-written fake can stand in for it in tests.
 */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: boolean;
  readonly created: Date;
  /** Reported by stream reads only from server 22.6 on; always by $all reads. */
  readonly position?: Position;
}

export interface EsdbResolvedEvent {
  readonly event?: EsdbRecordedEvent;
}

export interface EsdbSubscription extends AsyncIterable<EsdbResolvedEvent> {
  unsubscribe(): Promise<void>;
}

export interface EsdbClient {
  appendToStream(streamName: string, events: JSONEventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<AppendResult>;
  readStream(
    streamName: string,
    options: { fromRevision: ReadRevision; maxCount: number; direction: Direction },
  ): AsyncIterable<EsdbResolvedEvent>;
  readAll(options: { fromPosition: ReadPosition; maxCount: number; direction: Direction }): AsyncIterable<EsdbResolvedEvent>;
  subscribeToAll(options: { fromPosition: ReadPosition; filter: Filter }): EsdbSubscription;
  dispose(): Promise<void>;
}
