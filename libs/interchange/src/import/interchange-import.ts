import path from 'node:path';
import type { Actor } from '@workwell/domain';
import { connectionStringOf } from '@workwell/database';
import { PostgresEventStore, type EventStore } from '@workwell/event-store';
import { PostgresKeyStore, type KeyStore, type MasterKey } from '@workwell/key-store';
import { defaultThreads, runPartitions } from '@workwell/parallel';
import { loadSiteRegistry } from '@workwell/sites';
import { fingerprintFile, openInterchangeFile } from '../format/interchange-reader';
import type { InterchangeSource } from '../format/interchange.format';
import { holdsParticipants, type BatchCounts } from './import-batches';
import type { ImportFilePartInput, ImportFilePartResult } from './interchange-import.partition';
import { importPart, type PartProgress, type PartResult } from './import-part';
import { planParts } from './import-plan';
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
  /** Of the bulk importer (whole participants per transaction; default 10,000). */
  readonly eventsPerTransaction?: number;
  /**
   * Threads deciding and writing shares of the file, whole participants each (default: one per
   * core, for a file of at least 8 MB a thread). Only into PostgreSQL, by a run that finishes no
   * stopped one: that one seals through the key store, here.
   */
  readonly threads?: number;
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

const MIN_BYTES_PER_THREAD = 8 << 20;

const sum = (parts: readonly PartResult[]): PartResult => {
  const counts: BatchCounts = { participants: 0, accepted: 0, alreadyImported: 0, rejected: 0, rowsAccepted: 0, rowsRejected: 0 };
  for (const part of parts) for (const key of Object.keys(counts) as (keyof BatchCounts)[]) counts[key] += part.counts[key];
  return {
    counts,
    imported: parts.reduce((total, part) => total + part.imported, 0),
    events: parts.reduce((total, part) => total + part.events, 0),
  };
};

/**
 * Imports a workwell-interchange file (docs/interchange.md): each participant's rows decided
 * through the journey rules as the API would have decided them, sealed under a fresh key, and
 * written whole or not at all, keeping each row's recording time and recorder. A second run of
 * the same file finds its participants and imports nothing twice; a run that stopped half-way is
 * finished by the next one. PostgreSQL writes through the bulk importer (COPY, whole participants
 * per transaction), a large file in parts of whole participants on several threads; any other
 * store appends each participant in one piece.
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
  const url = bulk && connectionStringOf(bulk.pool);
  // The threads make keys of their own (BulkKeyIssuer) and tombstones through a key store of their own on the same database.
  const threads =
    url && !interrupted && options.keyStore instanceof PostgresKeyStore
      ? Math.max(1, options.threads ?? Math.min(defaultThreads(), Math.floor(fingerprint.bytes / MIN_BYTES_PER_THREAD)))
      : 1;
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
  const latest: PartProgress[] = [];
  const progress = (part: number, partProgress?: PartProgress) => {
    if (partProgress) latest[part] = partProgress;
    const total = (key: keyof PartProgress) => latest.reduce((sum, p) => sum + (p?.[key] ?? 0), 0);
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      bytesRead: reader.body.start + total('bytesRead'),
      bytes: fingerprint.bytes,
      participants: total('participants'),
      imported: total('imported'),
      events: total('events'),
      eventsPerSecond: Math.round(total('events') / Math.max(seconds, 0.001)),
    });
  };
  // Read once: every participant of the run is decided with the sites' schedules as configured when it began.
  const sites = await loadSiteRegistry(store);
  // Two parts a thread, taken as threads come free: a thread slowed by other work on the machine reads less of the file.
  const parts = threads > 1 ? await planParts(options.file, reader, fingerprint.bytes, threads * 2) : [];
  const shared = {
    fileSha256: fingerprint.sha256,
    now: options.now.getTime(),
    dryRun,
    checkStreams,
    participantsPerBatch: options.participantsPerBatch ?? 500,
    // Smaller than the bulk importer's 50,000: a transaction is copied while the next is decided, not after a part's last row.
    eventsPerTransaction: options.eventsPerTransaction ?? 10_000,
  };
  let done: PartResult;
  try {
    if (parts.length > 1) {
      const results = await runPartitions<ImportFilePartInput, PartProgress, ImportFilePartResult>({
        module: require.resolve('./interchange-import.partition'),
        inputs: parts.map((part) => ({
          ...shared,
          url: url as string,
          file: options.file,
          part,
          sites,
          masterKeys: options.masterKeys.map(({ id, key }) => ({ id, key: new Uint8Array(key) })),
        })),
        threads,
        onProgress: progress,
      });
      // In the file's order: each part's rejections as it found them.
      for (const result of results) await report.add(result.rejections);
      done = sum(results);
    } else
      done = await importPart({
        ...shared,
        store,
        sites,
        keyStore: options.keyStore,
        reader,
        sealing,
        report,
        onProgress: (p) => progress(0, p),
      });
  } finally {
    if (parts.length > 1) bulk?.committed();
    await report.close();
  }
  progress(0);
  const { counts } = done;
  const result: ImportCounts = {
    participants: {
      imported: dryRun ? counts.accepted : done.imported,
      alreadyImported: counts.alreadyImported,
      rejected: counts.rejected,
    },
    rows: { imported: counts.rowsAccepted, rejected: counts.rowsRejected },
    events: done.events,
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
    eventsPerSecond: Math.round(done.events / Math.max(seconds, 0.001)),
  };
};
