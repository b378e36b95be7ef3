import { bulkImport, PostgresEventStore, type ImportStream } from '@workwell/event-store';
import { importBatches, type BatchContext, type BatchCounts } from './import-batches';

export interface PartProgress {
  /** Bytes of the part read so far. */
  readonly bytesRead: number;
  /** Participants read and decided. */
  readonly participants: number;
  /** Participants and events committed. */
  readonly imported: number;
  readonly events: number;
}

export interface PartResult {
  readonly counts: BatchCounts;
  readonly imported: number;
  readonly events: number;
}

export type PartContext = Omit<BatchContext, 'counts' | 'onBatch'> & {
  readonly dryRun: boolean;
  /** Of the bulk importer (whole participants per transaction). */
  readonly eventsPerTransaction?: number;
  readonly onProgress: (progress: PartProgress) => void;
};

const flatten = async function* (batches: AsyncIterable<ImportStream[]>): AsyncGenerator<ImportStream> {
  for await (const batch of batches) yield* batch;
};

/**
 * Decides and writes the participants of a file, or of a part of it: PostgreSQL through the bulk
 * importer (COPY, whole participants per transaction), any other store one append of each
 * participant, a dry run nothing at all.
 */
export const importPart = async (ctx: PartContext): Promise<PartResult> => {
  const counts: BatchCounts = { participants: 0, accepted: 0, alreadyImported: 0, rejected: 0, rowsAccepted: 0, rowsRejected: 0 };
  const written = { participants: 0, events: 0 };
  const start = ctx.part?.start ?? ctx.reader.body.start;
  const progress = () =>
    ctx.onProgress({
      bytesRead: ctx.reader.bytesRead() - start,
      participants: counts.participants,
      imported: written.participants,
      events: written.events,
    });
  const batches = importBatches({ ...ctx, counts, onBatch: progress });
  const { store } = ctx;
  if (ctx.dryRun) {
    for await (const batch of batches) for (const stream of batch) written.events += stream.events.length;
  } else if (store instanceof PostgresEventStore) {
    const result = await bulkImport(store, flatten(batches), {
      eventsPerTransaction: ctx.eventsPerTransaction,
      onProgress: (p) => {
        Object.assign(written, { participants: p.streams, events: p.events });
        progress();
      },
    });
    Object.assign(written, { participants: result.streams, events: result.events });
  } else {
    for await (const stream of flatten(batches)) {
      // This store sets its own recording times: the original one stays beside where the event came from.
      const events = stream.events.map(({ recordedAt, ...event }) => ({
        ...event,
        metadata: { ...event.metadata, importedFrom: { ...(event.metadata.importedFrom as object), recordedAt } },
      }));
      await store.append(stream.streamId, events, { expectedVersion: 'no_stream' });
      Object.assign(written, { participants: written.participants + 1, events: written.events + stream.events.length });
    }
  }
  progress();
  return { counts, imported: written.participants, events: written.events };
};
