import type { SiteRegistry } from '@workwell/domain';
import { createPool } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { PostgresKeyStore, type MasterKey } from '@workwell/key-store';
import { openInterchangeFile } from '../format/interchange-reader';
import { bulkSealing } from './history-sealing';
import type { FilePart } from './import-plan';
import { importPart, type PartProgress, type PartResult } from './import-part';
import type { Rejection } from './participant-decision';

/** A part of a file to import on a thread of its own, as plain data. */
export interface ImportFilePartInput {
  /** The database to connect to, on a thread. */
  readonly url: string;
  readonly file: string;
  readonly fileSha256: string;
  readonly part: FilePart;
  readonly sites: SiteRegistry;
  readonly masterKeys: readonly { readonly id: string; readonly key: Uint8Array }[];
  readonly now: number;
  readonly dryRun: boolean;
  readonly checkStreams: boolean;
  readonly participantsPerBatch: number;
  readonly eventsPerTransaction?: number;
}

export type ImportFilePartResult = PartResult & { readonly rejections: readonly Rejection[] };

/**
 * The entry of an import thread (see `@workwell/parallel`): its part's participants decided,
 * sealed under fresh keys (written before their events) and bulk-imported; the rows it rejects
 * come back for the one report.
 */
export const runPartition = async (input: ImportFilePartInput, report: (progress: PartProgress) => void): Promise<ImportFilePartResult> => {
  const masterKeys: MasterKey[] = input.masterKeys.map(({ id, key }) => ({ id, key: Buffer.from(key) }));
  const pool = createPool(input.url, { max: 3 });
  const store = new PostgresEventStore(pool);
  const rejections: Rejection[] = [];
  try {
    const result = await importPart({
      store,
      sites: input.sites,
      keyStore: new PostgresKeyStore(pool, masterKeys),
      reader: await openInterchangeFile(input.file),
      part: input.part,
      earlier: input.part.earlier,
      fileSha256: input.fileSha256,
      now: input.now,
      sealing: input.dryRun ? undefined : bulkSealing(pool, masterKeys),
      checkStreams: input.checkStreams,
      participantsPerBatch: input.participantsPerBatch,
      eventsPerTransaction: input.eventsPerTransaction,
      dryRun: input.dryRun,
      report: { add: async (rows) => void rows.forEach((row) => rejections.push(row)) },
      onProgress: report,
    });
    return { ...result, rejections };
  } finally {
    await store.close();
    await pool.end();
  }
};
