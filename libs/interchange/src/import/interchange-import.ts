import path from 'node:path';
import type { Actor } from '@workwell/domain';
import { bulkImport, PostgresEventStore, type EventStore, type ImportStream } from '@workwell/event-store';
import type { KeyStore, MasterKey } from '@workwell/key-store';
import { loadSiteRegistry } from '@workwell/sites';
import { fingerprintFile, openInterchangeFile } from '../format/interchange-reader';
import type { InterchangeSource } from '../format/interchange.format';
import { holdsParticipants, importBatches, type BatchCounts } from './import-batches';
import { recordImportFinished, recordImportStarted, unfinishedImports, type ImportCounts } from './import-runs';
import { bulkSealing, keyStoreSealing } from './history-sealing';
import { RejectionReport } from './rejection-report';

export interface InterchangeImportOptions {
  readonly file: string;
  /** Where the rejection report (CSV) goes. */
  readonly rejectionsFile: string;
  readonly keyStore: KeyStore;
  /** For data keys made in bulk, as the synthetic import makes them. */
  readonly masterKeys: readonly MasterKey[];
  /** Who runs the import (recorded with the run, not with the events: those keep their own recorders). */
  readonly importedBy: Actor;
  readonly now: Date;
  /** Decide every row and write the rejection report, but write nothing to the engine. */
  readonly dryRun?: boolean;
  readonly participantsPerBatch?: number;
  /** Of the bulk importer (whole participants per transaction). */
  readonly eventsPerTransaction?: number;
  readonly onProgress?: (progress: InterchangeImportProgress) => void;
}

export interface InterchangeImportProgress {
  readonly bytesRead: number;
  readonly bytes: number;
  /** Participants read and decided. */
  readonly participants: number;
  /** Participants and events committed. */
  readonly imported: number;
  readonly events: number;
  readonly eventsPerSecond: number;
}

export interface InterchangeImportResult extends ImportCounts {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
  readonly source: InterchangeSource;
  /** On a dry run the counts say what would have been imported. */
  readonly dryRun: boolean;
  readonly rejections: { readonly file: string; readonly rows: number };
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

const flatten = async function* (batches: AsyncIterable<ImportStream[]>): AsyncGenerator<ImportStream> {
  for await (const batch of batches) yield* batch;
};

/**
 * Imports a workwell-interchange file (docs/interchange.md): each participant's rows decided
 * through the journey rules as the API would have decided them, sealed under a fresh key, and
 * written whole or not at all, keeping each row's recording time and recorder. A second run of
 * the same file finds its participants and imports nothing twice; a run that stopped half-way is
 * finished by the next one. PostgreSQL writes through the bulk importer (COPY, whole participants
 * per transaction); any other store appends each participant in one piece.
 */
export const importInterchangeFile = async (store: EventStore, options: InterchangeImportOptions): Promise<InterchangeImportResult> => {
  const started = performance.now();
  const fingerprint = await fingerprintFile(options.file);
  const reader = await openInterchangeFile(options.file);
  const dryRun = options.dryRun ?? false;
  const bulk = store instanceof PostgresEventStore ? store : undefined;
  // A run that stopped may have written keys for participants whose events never committed: reuse them.
  const unfinished = await unfinishedImports(store);
  const interrupted = bulk === undefined || unfinished.length > 0;
  const checkStreams = bulk === undefined || (await holdsParticipants(store));
  const sealing = dryRun
    ? undefined
    : bulk && !interrupted
      ? bulkSealing(bulk.pool, options.masterKeys)
      : keyStoreSealing(options.keyStore);
  const runId = dryRun
    ? undefined
    : await recordImportStarted(store, {
        occurredAt: options.now.toISOString(),
        file: { name: path.basename(options.file), ...fingerprint },
        format: reader.header.format,
        source: reader.header.source,
        importedBy: options.importedBy,
      });
  const report = new RejectionReport(options.rejectionsFile);
  const counts: BatchCounts = { participants: 0, accepted: 0, alreadyImported: 0, rejected: 0, rowsAccepted: 0, rowsRejected: 0 };
  const written = { participants: 0, events: 0 };
  const progress = () => {
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      bytesRead: reader.bytesRead(),
      bytes: fingerprint.bytes,
      participants: counts.participants,
      imported: written.participants,
      events: written.events,
      eventsPerSecond: Math.round(written.events / Math.max(seconds, 0.001)),
    });
  };
  // Read once: every participant of the run is decided with the sites' schedules as configured when it began.
  const sites = await loadSiteRegistry(store);
  const batches = importBatches({
    store,
    sites,
    keyStore: options.keyStore,
    reader,
    fileSha256: fingerprint.sha256,
    now: options.now.getTime(),
    sealing,
    checkStreams,
    participantsPerBatch: options.participantsPerBatch ?? 500,
    report,
    counts,
    onBatch: progress,
  });
  try {
    if (dryRun) {
      for await (const batch of batches) for (const stream of batch) written.events += stream.events.length;
    } else if (bulk) {
      const result = await bulkImport(bulk, flatten(batches), {
        eventsPerTransaction: options.eventsPerTransaction,
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
  } finally {
    await report.close();
  }
  progress();
  const result: ImportCounts = {
    participants: {
      imported: dryRun ? counts.accepted : written.participants,
      alreadyImported: counts.alreadyImported,
      rejected: counts.rejected,
    },
    rows: { imported: counts.rowsAccepted, rejected: counts.rowsRejected },
    events: written.events,
  };
  if (runId !== undefined)
    await recordImportFinished(
      store,
      {
        runId,
        occurredAt: new Date().toISOString(),
        sha256: fingerprint.sha256,
        ...result,
        completes: unfinished.filter((run) => run.file.sha256 === fingerprint.sha256).map((run) => run.runId),
      },
      options.importedBy,
    );
  const seconds = (performance.now() - started) / 1000;
  return {
    file: options.file,
    sha256: fingerprint.sha256,
    bytes: fingerprint.bytes,
    format: reader.header.format,
    source: reader.header.source,
    dryRun,
    ...result,
    rejections: { file: options.rejectionsFile, rows: report.rows },
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(written.events / Math.max(seconds, 0.001)),
  };
};
