import type { QueryConfig } from 'pg';
import type { Journey, JourneyEventType, RecordedJourneyEvent, SiteRegistry } from '@workwell/domain';

/** Every event of one participant up to the last one in the batch, and the journey they fold to. */
export interface ParticipantHistory {
  readonly participantId: string;
  readonly events: readonly RecordedJourneyEvent[];
  readonly journey: Journey;
}

export interface ProjectionBatch {
  /** The batch's events this projection handles and has not applied yet, in global order. */
  readonly events: readonly RecordedJourneyEvent[];
  /** The histories of the participants those events belong to (loaded once per batch, shared by projections). */
  readonly histories: ReadonlyMap<string, ParticipantHistory>;
  /**
   * The site registry the projector knew when it applied the batch (read when it claims, and
   * again after a batch with a site configuration in it). Absent: no site is configured.
   */
  readonly sites?: SiteRegistry;
}

/** Column names and their PostgreSQL types, in table order. */
export type Columns = Readonly<Record<string, string>>;

/**
 * How a rebuild writes a projection: each participant's rows from their whole history, once,
 * copied (COPY) into tables that get their keys and indexes afterwards. They must be the rows
 * `apply` leaves after every event of the history.
 */
export interface BulkRows {
  readonly columns: Readonly<Record<string, Columns>>;
  rowsOf(history: ParticipantHistory, sites?: SiteRegistry): Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/**
 * A read model: DDL for its versioned tables and an `apply` that folds a batch into them.
 * `apply` only says what to write: the statements, which the runner sends in order in its
 * transaction, with the checkpoint, and with every other projection's in the same round trip.
 * So no statement can depend on what another returns. They must leave the same rows when
 * handed an event already applied. Tables are named `<table>_v<version>` (plus
 * `_g<n>` for a rebuilt generation); readers use the view `<table>`, which points at the live
 * one, so a new version or generation can be built beside the old one and swapped in.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; a batch without any of them costs it nothing but the checkpoint. */
  readonly handles: readonly JourneyEventType[];
  /**
   * The event types whose data its rows read, beyond the journey state (which a history carries
   * folded); a rebuild reads the others without their data. Absent: all of them. The rebuild test,
   * which compares every row with the live projector's, shows a type missing here.
   */
  readonly dataOf?: readonly JourneyEventType[];
  /** The event types whose recorder (`metadata.actor`) its rows keep; a rebuild reads no metadata of the others. Absent: all of them. */
  readonly actorOf?: readonly JourneyEventType[];
  readonly tables: readonly string[];
  /**
   * Its writes must be on disk when the batch's commit returns (the key shredder: an erasure).
   * Other batches commit without waiting for the WAL flush: a server crash can only lose them
   * whole, with their checkpoints, and they are applied again.
   */
  readonly durable?: boolean;
  /** DDL creating the physical tables, without keys or indexes; `t(name)` gives a table's physical name. */
  schema(t: TableNames): string;
  /** DDL adding the keys and indexes: at once for a projector, after the rows for a rebuild. */
  indexes(t: TableNames): string;
  apply(batch: ProjectionBatch, t: TableNames): readonly QueryConfig[];
  /** Rows for a rebuild's bulk pass; without it, a rebuild hands whole histories to `apply`. */
  readonly bulk?: BulkRows;
}

export type TableNames = (logical: string) => string;

export interface Build {
  readonly version: number;
  readonly generation?: number;
}

export const tableNames =
  ({ version, generation = 0 }: Build): TableNames =>
  (logical) =>
    generation === 0 ? `${logical}_v${version}` : `${logical}_v${version}_g${generation}`;
