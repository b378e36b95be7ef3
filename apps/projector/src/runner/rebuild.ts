import type { Pool } from 'pg';
import type { EventStore } from '@workwell/event-store';
import { applyBatch, type Target } from './apply-batch';
import { HistoryCache } from './participant-histories';
import type { Projection } from './projection';
import { createGeneration, swapIn } from './projection-store';

export interface RebuildProgress {
  readonly events: number;
  readonly position: number;
  readonly head: number;
  readonly eventsPerSecond: number;
}

export interface RebuildResult {
  readonly projections: readonly string[];
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: number;
}

export class RebuildAlreadyRunning extends Error {}

/**
 * Builds a new generation of each projection beside the live one, from position 0, in one
 * pass over the store; then swaps them in. Readers keep the old tables until the swap, and a
 * running projector follows the new generation on its next batch.
 */
export const rebuildProjections = async (
  pool: Pool,
  eventStore: EventStore,
  projections: readonly Projection[],
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void; now?: () => number } = {},
): Promise<RebuildResult> => {
  const now = options.now ?? (() => performance.now());
  const client = await pool.connect();
  client.on('error', () => undefined);
  try {
    for (const projection of projections) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`projection:${projection.name}:rebuild`]);
      if (!rows[0].locked) throw new RebuildAlreadyRunning(`a rebuild of ${projection.name} is already running`);
    }
    const targets: Target[] = [];
    for (const projection of projections) {
      const row = await createGeneration(client, projection);
      targets.push({ projection, generation: row.generation, position: 0 });
    }
    const histories = new HistoryCache();
    const started = now();
    let events = 0;
    let position = 0;
    for (;;) {
      const page = await eventStore.readAll({ after: position, maxCount: options.batchSize ?? 5_000 });
      if (page.length === 0) break;
      await applyBatch(client, eventStore, targets, page, histories);
      events += page.length;
      position = page[page.length - 1].position;
      const seconds = (now() - started) / 1000;
      options.onProgress?.({ events, position, head: await eventStore.headPosition(), eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : 0 });
    }
    for (const target of targets) await swapIn(client, target.projection, target.generation);
    const seconds = (now() - started) / 1000;
    return { projections: projections.map((p) => p.name), events, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events, position };
  } finally {
    // Ending the session releases the rebuild locks whatever happened.
    client.release(true);
  }
};
