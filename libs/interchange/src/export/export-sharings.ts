import { randomUUID } from 'node:crypto';
import type { Actor } from '@workwell/domain';
import { readWholeStream, type EventStore } from '@workwell/event-store';

/** Every export of a site's (or a participant's) history is a data sharing, kept in this stream. */
export const EXPORT_SHARINGS_STREAM = 'interchange-exports';

export interface ExportSharedData {
  readonly occurredAt: string;
  readonly recipient: string;
  readonly agreementReference: string | null;
  /** A site moving its history to another system, or a participant's data given to them. */
  readonly purpose: 'site-transfer' | 'data-portability';
  readonly lawfulBasis: 'public-task';
  readonly siteId: string;
  readonly participantId: string | null;
  /** Unlike an evaluation extract, it holds personal data in clear: the site's own records. */
  readonly personalData: 'clear';
  readonly participants: number;
  readonly rows: number;
  readonly lastPosition: number;
  readonly file: { readonly name: string; readonly bytes: number; readonly sha256: string };
  readonly exportedBy: Actor;
}

export interface RecordedExportSharing extends ExportSharedData {
  readonly recordedAt: string;
  readonly position: number;
}

export const recordExportSharing = async (store: EventStore, data: ExportSharedData): Promise<RecordedExportSharing> => {
  const { events } = await store.append(
    EXPORT_SHARINGS_STREAM,
    [
      {
        type: 'InterchangeExportShared',
        schemaVersion: 1,
        data,
        metadata: { occurredAt: data.occurredAt, actor: data.exportedBy, correlationId: randomUUID(), causationId: null },
      },
    ],
    { expectedVersion: 'any' },
  );
  return { ...data, recordedAt: events[0].recordedAt, position: events[0].position };
};

/** Every export ever made, oldest first. */
export const exportSharings = async (store: EventStore): Promise<RecordedExportSharing[]> =>
  (await readWholeStream(store, EXPORT_SHARINGS_STREAM))
    .filter((event) => event.type === 'InterchangeExportShared')
    .map((event) => ({ ...(event.data as ExportSharedData), recordedAt: event.recordedAt, position: event.position }));
