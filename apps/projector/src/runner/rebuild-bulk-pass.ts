import type { Pool, PoolClient } from 'pg';
import { evolve, initialState, isJourneyEventType, JOURNEY_EVENT_TYPES, JOURNEY_STATE_TYPES, PARTICIPANT_STREAM_PREFIX, toRecordedJourneyEvent } from '@workwell/domain';
import { type PostgresEventStore, streamRanges, streamsInOrder, type StreamRange } from '@workwell/event-store';
import { defaultThreads, runPartitions } from '@workwell/parallel';
import { projections as projectorProjections } from '../projections';
import type { Target } from './apply-batch';
import { copyRows } from './copy-rows';
import { tableNames, type ParticipantHistory } from './projection';
import type { PartInput, PartProgress } from './rebuild-partition';

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
 * Every participant stream of the range up to `head`, whole and in stream order, folded once and
 * written once: each participant's rows are derived from their whole history a single time.
 * Writing a chunk overlaps with reading and folding the next.
 */
export const rebuildRange = async (
  pool: Pool,
  client: PoolClient,
  targets: readonly Target[],
  options: { head: number; range?: StreamRange; batchSize: number; onEvents: (events: number) => void },
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
  const dataOf = [...new Set([...JOURNEY_STATE_TYPES, ...targets.flatMap(({ projection }) => projection.dataOf ?? JOURNEY_EVENT_TYPES)])];
  for await (const stream of streamsInOrder(pool, { prefix: PARTICIPANT_STREAM_PREFIX, upToPosition: options.head, range: options.range, metadata: 'actor', eventIds: false, dataOf })) {
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

const connectionStringOf = (pool: Pool): string | undefined => (pool as unknown as { options?: { connectionString?: string } }).options?.connectionString;

/**
 * The bulk of a rebuild on PostgreSQL: the store up to `head` in stream order into the new
 * generations' unindexed tables. Positions at or below the head are final, so ranges read in
 * separate snapshots see the same events. Threads need projections they can find by name (the
 * projector's own); any other set is rebuilt here, in one range.
 */
export const bulkPass = async (
  client: PoolClient,
  store: PostgresEventStore,
  targets: readonly Target[],
  head: number,
  options: { batchSize: number; threads?: number; onEvents: (events: number) => void },
): Promise<number> => {
  const url = connectionStringOf(store.pool);
  const own = targets.every((target) => projectorProjections.includes(target.projection));
  const threads = url && own ? (options.threads ?? defaultThreads()) : 1;
  if (threads <= 1) return rebuildRange(store.pool, client, targets, { head, batchSize: options.batchSize, onEvents: options.onEvents });
  const ranges = await streamRanges(store.pool, PARTICIPANT_STREAM_PREFIX, threads * 4);
  const read: number[] = [];
  const parts = await runPartitions<PartInput, PartProgress, number>({
    module: require.resolve('./rebuild-partition'),
    inputs: ranges.map((range) => ({
      url: url as string,
      range,
      head,
      batchSize: options.batchSize,
      targets: targets.map(({ projection, generation }) => ({ name: projection.name, version: projection.version, generation })),
    })),
    threads,
    onProgress: (part, progress) => {
      read[part] = progress.events;
      options.onEvents(read.reduce((sum, n) => sum + (n ?? 0), 0));
    },
  });
  return parts.reduce((sum, events) => sum + events, 0);
};
