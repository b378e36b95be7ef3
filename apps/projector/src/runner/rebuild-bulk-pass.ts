import type { Pool, PoolClient } from 'pg';
import {
  evolve,
  initialState,
  type RecordedJourneyEvent,
  isJourneyEventType,
  isParticipantStreamId,
  JOURNEY_EVENT_TYPES,
  JOURNEY_STATE_TYPES,
  PARTICIPANT_STREAM_PREFIX,
  toRecordedJourneyEvent,
  type SiteRegistry,
} from '@workwell/domain';
import type { EventStore, StreamRange } from '@workwell/event-store';
import { commitStatements, connectionStringOf } from '@workwell/database';
import { defaultThreads, runPartitions } from '@workwell/parallel';
import { projections as projectorProjections } from '@workwell/read-models';
import type { Target } from './apply-batch';
import { CopyLines, copyLines } from './copy-rows';
import { tableNames, type BulkRows, type ParticipantHistory } from '@workwell/read-models';
import type { PartInput, PartProgress } from './rebuild-partition';

interface PendingWrites {
  readonly copies: readonly { readonly table: string; readonly names: readonly string[]; readonly text: string }[];
  readonly sites: SiteRegistry;
  readonly applies: readonly {
    readonly target: Target;
    readonly events: readonly RecordedJourneyEvent[];
    readonly histories: ReadonlyMap<string, ParticipantHistory>;
  }[];
}

/**
 * One chunk of whole histories as the new generations' writes, made as each history arrives:
 * COPY text for projections with bulk rows, the handled events and their histories for the
 * others (the key shredder). Only text and those few histories are held until the chunk is written.
 */
class ChunkWrites {
  private readonly copies: { rowsOf: BulkRows['rowsOf']; tables: { table: string; logical: string; lines: CopyLines }[] }[] = [];
  private applies: { target: Target; events: RecordedJourneyEvent[]; histories: Map<string, ParticipantHistory> }[] = [];

  constructor(
    private readonly targets: readonly Target[],
    private readonly sites: SiteRegistry,
  ) {
    for (const { projection, generation } of targets) {
      if (!projection.bulk) continue;
      const t = tableNames({ version: projection.version, generation });
      const tables = Object.entries(projection.bulk.columns).map(([logical, columns]) => ({
        table: t(logical),
        logical,
        lines: new CopyLines(columns),
      }));
      this.copies.push({ rowsOf: projection.bulk.rowsOf, tables });
    }
    this.applies = this.freshApplies();
  }

  private freshApplies() {
    return this.targets
      .filter(({ projection }) => !projection.bulk)
      .map((target) => ({ target, events: [] as RecordedJourneyEvent[], histories: new Map<string, ParticipantHistory>() }));
  }

  add(history: ParticipantHistory): void {
    for (const { rowsOf, tables } of this.copies) {
      const rows = rowsOf(history, this.sites);
      for (const { logical, lines } of tables) for (const row of rows[logical] ?? []) lines.add(row);
    }
    for (const apply of this.applies) {
      const handled = history.events.filter((event) => apply.target.projection.handles.includes(event.type));
      if (handled.length === 0) continue;
      apply.events.push(...handled);
      apply.histories.set(history.participantId, history);
    }
  }

  /** What the chunk writes; the chunk starts again empty. */
  take(): PendingWrites {
    const copies = this.copies.flatMap(({ tables }) =>
      tables.map(({ table, lines }) => ({ table, names: lines.names, text: lines.take() })),
    );
    const pending = { copies, sites: this.sites, applies: this.applies.filter((apply) => apply.events.length > 0) };
    this.applies = this.freshApplies();
    return pending;
  }
}

/** Writes a chunk into the unindexed tables of the new generations; each projection's writes commit on their own, as nothing reads these tables yet. */
const writeChunk = async (client: PoolClient, pending: PendingWrites): Promise<void> => {
  for (const { table, names, text } of pending.copies) await copyLines(client, table, names, text);
  for (const { target, events, histories } of pending.applies) {
    const t = tableNames({ version: target.projection.version, generation: target.generation });
    await commitStatements(client, target.projection.apply({ events, histories, sites: pending.sites }, t));
  }
};

/**
 * Every participant stream of the range up to `head`, whole and in stream order, folded once and
 * written once: each participant's rows are derived from their whole history a single time.
 * Writing a chunk overlaps with reading and folding the next.
 */
export const rebuildRange = async (
  store: EventStore,
  client: PoolClient,
  targets: readonly Target[],
  options: { head: number; range?: StreamRange; batchSize: number; sites: SiteRegistry; onEvents: (events: number) => void },
): Promise<number> => {
  const chunk = new ChunkWrites(targets, options.sites);
  let chunkEvents = 0;
  let read = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    const pending = chunk.take();
    chunkEvents = 0;
    await writing;
    options.onEvents(read);
    writing = writeChunk(client, pending);
    // Awaited at the next flush or at the end; marked handled meanwhile.
    writing.catch(() => undefined);
  };
  // Of the metadata, the read models keep who recorded some events; the rebuild test would show a projection wanting more.
  const dataOf = [...new Set([...JOURNEY_STATE_TYPES, ...targets.flatMap(({ projection }) => projection.dataOf ?? JOURNEY_EVENT_TYPES)])];
  const metadataOf = [...new Set(targets.flatMap(({ projection }) => projection.actorOf ?? JOURNEY_EVENT_TYPES))];
  const query = {
    prefix: PARTICIPANT_STREAM_PREFIX,
    knownAt: { position: options.head },
    range: options.range,
    metadata: 'actor',
    metadataOf,
    eventIds: false,
    dataOf,
  } as const;
  for await (const stream of store.streams(query)) {
    read += stream.events.length;
    if (!isParticipantStreamId(stream.streamId)) continue;
    const events = stream.events.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
    if (events.length === 0) continue;
    chunk.add({
      participantId: stream.streamId.slice(PARTICIPANT_STREAM_PREFIX.length),
      events,
      journey: events.reduce(evolve, initialState()),
    });
    chunkEvents += events.length;
    if (chunkEvents >= options.batchSize) await flush();
  }
  await flush();
  await writing;
  return read;
};

/**
 * The bulk of a rebuild: the store up to `head` in stream order into the new generations'
 * unindexed tables. Positions at or below the head are final, so ranges read separately see the
 * same events. Threads need a store they can open (see `shared()`), the read models' database and
 * projections they can find by name (the projector's own); anything else is rebuilt here, in one range.
 */
export const bulkPass = async (
  client: PoolClient,
  store: EventStore,
  readModels: Pool,
  targets: readonly Target[],
  head: number,
  options: { batchSize: number; threads?: number; sites: SiteRegistry; onEvents: (events: number) => void },
): Promise<number> => {
  const shared = store.shared();
  const url = connectionStringOf(readModels);
  const own = targets.every((target) => projectorProjections.includes(target.projection));
  const threads = shared && url && own ? (options.threads ?? defaultThreads()) : 1;
  if (!shared || !url || threads <= 1)
    return rebuildRange(store, client, targets, { head, batchSize: options.batchSize, sites: options.sites, onEvents: options.onEvents });
  const ranges = await store.streamRanges(PARTICIPANT_STREAM_PREFIX, threads * 4);
  const read: number[] = [];
  const parts = await runPartitions<PartInput, PartProgress, number>({
    module: require.resolve('./rebuild-partition'),
    inputs: ranges.map((range) => ({
      store: shared,
      readModels: url,
      range,
      head,
      batchSize: options.batchSize,
      sites: options.sites,
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
