import { createPool } from '@workwell/database';
import type { SiteRegistry } from '@workwell/domain';
import { openSharedStore, type SharedStore, type StreamRange } from '@workwell/event-store';
import { projections } from '@workwell/read-models';
import type { Target } from './apply-batch';
import { rebuildRange } from './rebuild-bulk-pass';

/** One range of a rebuild's bulk pass, as plain data for a thread of its own. */
export interface PartInput {
  /** The store to read, opened in the thread. */
  readonly store: SharedStore;
  /** The read models' database, written in the thread. */
  readonly readModels: string;
  readonly range: StreamRange;
  readonly head: number;
  readonly batchSize: number;
  /** The site registry the rows follow, read once by the rebuild (plain data). */
  readonly sites: SiteRegistry;
  readonly targets: readonly { readonly name: string; readonly version: number; readonly generation: number }[];
}

export interface PartProgress {
  readonly events: number;
}

/** The entry of a rebuild thread (see `@workwell/parallel`): the store opened to read, one connection to write. */
export const runPartition = async (input: PartInput, report: (progress: PartProgress) => void): Promise<number> => {
  const targets: Target[] = input.targets.map(({ name, version, generation }) => {
    const projection = projections.find((p) => p.name === name && p.version === version);
    if (!projection) throw new Error(`this build has no projection ${name} version ${version}`);
    return { projection, generation, position: 0 };
  });
  const opened = await openSharedStore(input.store, { connections: 1 });
  const pool = createPool(input.readModels, { max: 1 });
  const client = await pool.connect();
  try {
    return await rebuildRange(opened.store, client, targets, {
      head: input.head,
      range: input.range,
      batchSize: input.batchSize,
      sites: input.sites,
      onEvents: (events) => report({ events }),
    });
  } finally {
    client.release();
    await pool.end();
    await opened.close();
  }
};
