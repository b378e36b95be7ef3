import { randomUUID } from 'node:crypto';
import { type Actor, type EvaluationExtractSharedData, EXTRACT_SHARINGS_STREAM, extractShared } from '@workwell/domain';
import type { ExtractManifest } from './episode-extract.writer';
import { readWholeStream, type EventStore } from '@workwell/event-store';

export interface RecordedExtractSharing extends EvaluationExtractSharedData {
  readonly recordedAt: string;
  readonly version: number;
  readonly position: number;
}

export interface SharingParty {
  readonly recipient: string;
  readonly agreementReference: string;
  readonly sharedBy: Actor;
  readonly occurredAt: string;
}

/** The sharing record of an extract: who receives it, under which agreement, and what its manifest says it holds. */
export const extractSharingOf = (manifest: ExtractManifest, manifestSha256: string, party: SharingParty): EvaluationExtractSharedData => ({
  ...party,
  lawfulBasis: 'public-task',
  purpose: 'evaluation',
  dataset: manifest.dataset,
  asOf: manifest.judgedAt,
  asOfBasis: manifest.asOfBasis,
  lastPosition: manifest.lastPosition,
  siteId: manifest.siteId,
  rows: manifest.rows,
  files: manifest.files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
  manifestSha256,
});

export interface SharingRequest {
  /** The caller's idempotency key: a retry records nothing twice (scoped to the user who shares). */
  readonly idempotencyKey?: string;
  /** Kept with the record: which extract it is, and what was asked (a keyed digest), for retries. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Appends the extract's data-sharing record (refused, and nothing appended, when it is incomplete). */
export const recordExtractSharing = async (
  eventStore: EventStore,
  data: EvaluationExtractSharedData,
  request: SharingRequest = {},
): Promise<RecordedExtractSharing> => {
  const event = extractShared(data);
  const result = await eventStore.append(
    EXTRACT_SHARINGS_STREAM,
    [
      {
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: {
          occurredAt: data.occurredAt,
          actor: data.sharedBy,
          correlationId: randomUUID(),
          causationId: null,
          ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
          ...request.metadata,
        },
      },
    ],
    {
      expectedVersion: 'any',
      idempotencyKey: request.idempotencyKey === undefined ? undefined : `user:${data.sharedBy.userId}:${request.idempotencyKey}`,
    },
  );
  const stored = result.events[0];
  return { ...data, recordedAt: stored.recordedAt, version: stored.version, position: stored.position };
};

/** The sharing an earlier request with this key, from this user, recorded: what a retry is answered from. */
export const earlierExtractSharing = async (
  eventStore: EventStore,
  userId: string,
  idempotencyKey: string,
): Promise<{ readonly sharing: RecordedExtractSharing; readonly metadata: Readonly<Record<string, unknown>> } | undefined> => {
  const events = await readWholeStream(eventStore, EXTRACT_SHARINGS_STREAM);
  const earlier = events.find(
    (event) =>
      event.metadata.idempotencyKey === idempotencyKey && (event.metadata.actor as { userId?: string } | undefined)?.userId === userId,
  );
  if (!earlier) return undefined;
  return {
    sharing: {
      ...(earlier.data as EvaluationExtractSharedData),
      recordedAt: earlier.recordedAt,
      version: earlier.version,
      position: earlier.position,
    },
    metadata: earlier.metadata,
  };
};

/** Every evaluation extract ever shared, oldest first: what an auditor reads. */
export const extractSharings = async (eventStore: EventStore): Promise<RecordedExtractSharing[]> =>
  (await readWholeStream(eventStore, EXTRACT_SHARINGS_STREAM))
    .filter((event) => event.type === 'EvaluationExtractShared')
    .map((event) => ({
      ...(event.data as EvaluationExtractSharedData),
      recordedAt: event.recordedAt,
      version: event.version,
      position: event.position,
    }));
