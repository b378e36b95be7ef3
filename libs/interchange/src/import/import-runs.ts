import { randomUUID } from 'node:crypto';
import type { Actor } from '@workwell/domain';
import { readWholeStream, type EventStore } from '@workwell/event-store';
import type { InterchangeSource } from '../format/interchange.format';

/** Every import of a file is recorded here, started and finished: for auditors, and for the next run's recovery. */
export const IMPORT_RUNS_STREAM = 'interchange-imports';

export interface ImportCounts {
  readonly participants: { readonly imported: number; readonly alreadyImported: number; readonly rejected: number };
  readonly rows: { readonly imported: number; readonly rejected: number };
  readonly events: number;
}

export interface ImportStartedData {
  readonly runId: string;
  readonly occurredAt: string;
  readonly file: { readonly name: string; readonly sha256: string; readonly bytes: number };
  readonly format: string;
  readonly source: InterchangeSource;
  readonly importedBy: Actor;
}

export type ImportFinishedData = ImportCounts & {
  readonly runId: string;
  readonly occurredAt: string;
  readonly sha256: string;
  /** Earlier runs of the same file that stopped half-way: this one has brought in everything they had begun. */
  readonly completes: readonly string[];
};

const append = (store: EventStore, type: string, data: ImportStartedData | ImportFinishedData, actor: Actor) =>
  store.append(
    IMPORT_RUNS_STREAM,
    [{ type, schemaVersion: 1, data, metadata: { occurredAt: data.occurredAt, actor, correlationId: data.runId, causationId: null } }],
    { expectedVersion: 'any' },
  );

/**
 * Runs that started and never finished (a crash, a stopped import): what they wrote is whole
 * participants only, but they may have left data keys for participants whose events never
 * committed, which the next run must reuse rather than replace.
 */
export const unfinishedImports = async (store: EventStore): Promise<ImportStartedData[]> => {
  const events = await readWholeStream(store, IMPORT_RUNS_STREAM);
  const finished = new Set(
    events
      .filter((e) => e.type === 'InterchangeImportFinished')
      .flatMap((e) => [(e.data as ImportFinishedData).runId, ...((e.data as ImportFinishedData).completes ?? [])]),
  );
  return events
    .filter((e) => e.type === 'InterchangeImportStarted' && !finished.has((e.data as ImportStartedData).runId))
    .map((e) => e.data as ImportStartedData);
};

export const recordImportStarted = async (store: EventStore, data: Omit<ImportStartedData, 'runId'>): Promise<string> => {
  const runId = randomUUID();
  await append(store, 'InterchangeImportStarted', { ...data, runId }, data.importedBy);
  return runId;
};

export const recordImportFinished = async (store: EventStore, data: ImportFinishedData, actor: Actor): Promise<void> => {
  await append(store, 'InterchangeImportFinished', data, actor);
};
