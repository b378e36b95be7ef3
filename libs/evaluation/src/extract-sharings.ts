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

/** Appends the extract's data-sharing record (refused, and nothing appended, when it is incomplete). */
export const recordExtractSharing = async (eventStore: EventStore, data: EvaluationExtractSharedData): Promise<RecordedExtractSharing> => {
  const event = extractShared(data);
  const result = await eventStore.append(
    EXTRACT_SHARINGS_STREAM,
    [
      {
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: { occurredAt: data.occurredAt, actor: data.sharedBy, correlationId: randomUUID(), causationId: null },
      },
    ],
    { expectedVersion: 'any' },
  );
  const stored = result.events[0];
  return { ...data, recordedAt: stored.recordedAt, version: stored.version, position: stored.position };
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
