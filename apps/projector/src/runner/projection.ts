import type { PoolClient } from 'pg';
import type { StoredEvent } from '@workwell/event-store';

/**
 * A read model: DDL for its versioned tables and an `apply` that folds a batch of events into
 * them. `apply` runs inside the runner's transaction, with the checkpoint, and must leave the
 * same rows when handed an event it has already applied.
 * Tables are named `<table>_v<version>`; readers use the view `<table>`, which points at the
 * live version, so a new version can be rebuilt beside the old one and swapped in.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; others are skipped without a call. */
  readonly handles: readonly string[];
  /** Logical table names; each gets a `_v<version>` physical table and a view of the live one. */
  readonly tables: readonly string[];
  /** DDL creating the physical tables; `t(name)` gives a table's versioned name. */
  schema(t: TableNames): string;
  /** Events in global order, already upcast, only of the handled types. */
  apply(tx: PoolClient, events: readonly StoredEvent[], t: TableNames): Promise<void>;
}

export type TableNames = (logical: string) => string;

export const tableNames = (projection: Pick<Projection, 'version'>): TableNames => (logical) => `${logical}_v${projection.version}`;
