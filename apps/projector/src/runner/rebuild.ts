import type { Pool, PoolClient } from 'pg';
import { evolve, initialState, isJourneyEventType, PARTICIPANT_STREAM_PREFIX, toRecordedJourneyEvent } from '@workwell/domain';
import { PostgresEventStore, streamsInOrder, type EventStore } from '@workwell/event-store';
import { applyBatch, type Target } from './apply-batch';
import { copyRows } from './copy-rows';
import { HistoryCache } from './participant-histories';
import { tableNames, type ParticipantHistory, type Projection } from './projection';
import { dropStaleRebuilds, dropUnregistered, prepareGeneration, registerGeneration, swapIn } from './projection-store';

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
 * Writes one chunk of whole histories into the unindexed tables of the new generations: COPY for
 * projections with bulk rows, `apply` with the histories' events for the others (the key
 * shredder). Each projection's writes commit on their own: nothing reads these tables yet.
 */
const writeHistories = async (client: PoolClient, targets: readonly Target[], histories: readonly ParticipantHistory[]): Promise<void> => {
  for (const { projection, generation } of targets) {
    const t = tableNames({ version: projection.version, generation });
    if (projection.bulk) {
      const { columns, rowsOf } = projection.bulk;
      const rows = histories.map(rowsOf);
      for (const table of Object.keys(columns)) await copyRows(client, t(table), columns[table], rows.flatMap((byTable) => byTable[table] ?? []));
      continue;
    }
    const handled = histories.flatMap((history) => history.events.filter((event) => projection.handles.includes(event.type)));
    if (handled.length === 0) continue;
    const byParticipant = new Map(histories.map((history) => [history.participantId, history]));
    await client.query('BEGIN');
    try {
      await projection.apply(client, { events: handled, histories: async () => byParticipant }, t);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
};

/**
 * The bulk of a rebuild on PostgreSQL: every participant stream up to `head`, whole and in
 * stream order, folded once and written once, so each participant's rows are derived from their
 * whole history a single time. Writing a chunk overlaps with reading and folding the next.
 */
const rebuildInStreamOrder = async (
  client: PoolClient,
  store: PostgresEventStore,
  targets: readonly Target[],
  head: number,
  options: { batchSize: number; onEvents: (events: number) => void },
): Promise<number> => {
  let chunk: ParticipantHistory[] = [];
  let chunkEvents = 0;
  let read = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    const histories = chunk;
    chunk = [];
    chunkEvents = 0;
    await writing;
    options.onEvents(read);
    writing = writeHistories(client, targets, histories);
    // Awaited at the next flush or at the end; marked handled meanwhile.
    writing.catch(() => undefined);
  };
  // Of the metadata, the read models keep who recorded each event; the rebuild test would show a projection wanting more.
  for await (const stream of streamsInOrder(store.pool, { prefix: PARTICIPANT_STREAM_PREFIX, upToPosition: head, metadata: 'actor' })) {
    read += stream.events.length;
    const events = stream.events.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
    if (events.length === 0) continue;
    chunk.push({ participantId: stream.streamId.slice(PARTICIPANT_STREAM_PREFIX.length), events, journey: events.reduce(evolve, initialState()) });
    chunkEvents += events.length;
    if (chunkEvents >= options.batchSize) await flush();
  }
  await flush();
  await writing;
  return read;
};

/**
 * Builds a new generation of each projection beside the live one, from position 0; then swaps
 * them in. On PostgreSQL the store up to its current head is read in stream order and copied
 * into tables without indexes (see `rebuildInStreamOrder`), which get their keys and indexes
 * afterwards; then what arrived meanwhile is applied in global order, as the live projector
 * does. Other stores are read in global order throughout. Readers keep the old tables until the
 * swap, and a running projector follows the new generation on its next batch. A failed rebuild
 * leaves no tables behind.
 */
export const rebuildProjections = async (
  pool: Pool,
  eventStore: EventStore,
  projections: readonly Projection[],
  options: {
    batchSize?: number;
    onProgress?: (progress: RebuildProgress) => void;
    now?: () => number;
    /** `global` reads in global order throughout, as on stores other than PostgreSQL (the benchmark's anchor). */
    order?: 'stream' | 'global';
  } = {},
): Promise<RebuildResult> => {
  const now = options.now ?? (() => performance.now());
  const batchSize = options.batchSize ?? 5_000;
  const client = await pool.connect();
  client.on('error', () => undefined);
  const targets: Target[] = [];
  const registered = new Set<Target>();
  try {
    for (const projection of projections) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`projection:${projection.name}:rebuild`]);
      if (!rows[0].locked) throw new RebuildAlreadyRunning(`a rebuild of ${projection.name} is already running`);
    }
    // Building the keys and indexes of a million-row table at once wants more than the default 64 MB.
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const projection of projections) {
      await dropStaleRebuilds(client, projection);
      targets.push({ projection, generation: await prepareGeneration(client, projection), position: 0 });
    }
    const histories = new HistoryCache();
    const started = now();
    let events = 0;
    let position = 0;
    const report = async () => {
      const seconds = (now() - started) / 1000;
      options.onProgress?.({ events, position, head: await eventStore.headPosition(), eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : 0 });
    };
    if (eventStore instanceof PostgresEventStore && options.order !== 'global') {
      position = await eventStore.headPosition();
      events = await rebuildInStreamOrder(client, eventStore, targets, position, {
        batchSize,
        onEvents: (read) => {
          events = read;
          void report();
        },
      });
    }
    for (const target of targets) {
      await registerGeneration(client, target.projection, target.generation, position);
      target.position = position;
      registered.add(target);
    }
    for (;;) {
      const page = await eventStore.readAll({ after: position, maxCount: batchSize });
      if (page.length === 0) break;
      await applyBatch(client, eventStore, targets, page, histories);
      events += page.length;
      position = page[page.length - 1].position;
      await report();
    }
    for (const target of targets) await swapIn(client, target.projection, target.generation);
    const seconds = (now() - started) / 1000;
    return { projections: projections.map((p) => p.name), events, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events, position };
  } catch (error) {
    for (const target of targets) {
      if (!registered.has(target)) await dropUnregistered(client, target.projection, target.generation).catch(() => undefined);
    }
    throw error;
  } finally {
    // Unlock before ending the session: a session's end reaches the server a moment later, and
    // a rebuild started straight after would find the locks still held. Ending it covers the rest.
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    client.release(true);
  }
};
