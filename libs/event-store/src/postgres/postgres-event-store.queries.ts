import type { QueryArrayConfig, QueryConfig } from 'pg';
import type { StoredEvent } from '../event-store.port';

/**
 * The horizon: the lowest transaction id of this database that may still commit. Every event
 * below `horizon << 16` belongs to a finished transaction, so the set of such events is final
 * and a reader that only reads below it can never see a late commit appear behind a position
 * it already handed out. Compared with `pg_snapshot_xmin`, running transactions that a backend
 * of another database holds are ignored (they cannot write our table), so a long transaction
 * elsewhere in the cluster does not hold delivery back. An xid whose backend is unknown (it has
 * just finished, or is a prepared transaction) counts as ours: it can only delay, never skip.
 * All of it is read in the statement's own snapshot, the one the rows are read in.
 */
const horizonSql = `
  WITH snapshot AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
  foreign_xids AS MATERIALIZED (
    SELECT a.backend_xid AS xid FROM pg_stat_get_activity(NULL) AS a
    WHERE a.backend_xid IS NOT NULL AND a.datid IS NOT NULL
      AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))
  SELECT coalesce(
    (SELECT min(x::text::bigint) FROM snapshot, pg_snapshot_xip(snapshot.s) AS x
      WHERE NOT EXISTS (SELECT 1 FROM foreign_xids f WHERE f.xid = x::xid)),
    (SELECT pg_snapshot_xmax(s)::text::bigint FROM snapshot)) << 16 AS position`;

const eventColumns = `position::text, stream_id, version, event_id::text, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), encode(previous_hash, 'hex'), encode(hash, 'hex')`;

type EventRow = [string, string, number, string, string, number, unknown, Record<string, unknown>, string, string | null, string];

export const toPosition = (text: string): number => {
  const position = Number(text);
  // xid << 16 passes 2^53 after 2^37 transactions; fail loudly rather than misorder.
  if (!Number.isSafeInteger(position)) throw new Error(`Event position ${text} is beyond the safe integer range of this adapter.`);
  return position;
};

export const toStoredEvents = (rows: readonly unknown[][], offset = 0): StoredEvent[] =>
  rows.map((row) => {
    const [position, streamId, version, eventId, type, schemaVersion, data, metadata, recordedAt, previousHash, hash] = (
      offset ? row.slice(offset) : row
    ) as EventRow;
    return {
      position: toPosition(position),
      streamId,
      version,
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
      recordedAt,
      previousHash,
      hash,
    };
  });

/** One statement for one append or for several coalesced ones: rows and idempotency keys as JSON arrays. */
export const appendQuery = (rowsJson: string, keysJson: string): QueryConfig => ({
  name: 'workwell_event_store_append',
  text: `
    WITH inserted AS (
      INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
      SELECT r.s, r.v, r.e, r.t, r.sv, r.d, r.m, r.r, decode(r.ph, 'hex'), decode(r.h, 'hex')
      FROM json_to_recordset($1::json) AS r(s text, v integer, e uuid, t text, sv integer, d json, m json, r timestamptz, ph text, h text)
      RETURNING position, stream_id, version),
    keys AS (
      INSERT INTO event_idempotency_keys (idempotency_key, stream_id, first_version, last_version, last_position)
      SELECT k.k, k.s, k.f, k.l, (SELECT max(i.position) FROM inserted i WHERE i.stream_id = k.s)
      FROM json_to_recordset($2::json) AS k(k text, s text, f integer, l integer))
    SELECT position::text, stream_id, version FROM inserted`,
  values: [rowsJson, keysJson],
});

export const streamHeadQuery = (streamId: string): QueryConfig => ({
  name: 'workwell_event_store_stream_head',
  text: `SELECT version, encode(hash, 'hex') AS hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
  values: [streamId],
});

export const readStreamQuery = (streamId: string, fromVersion: number, maxCount: number | null): QueryArrayConfig => ({
  name: 'workwell_event_store_read_stream',
  text: `SELECT ${eventColumns} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY events.version LIMIT $3`,
  values: [streamId, fromVersion, maxCount],
  rowMode: 'array',
});

export const readAllQuery = (after: number, maxCount: number): QueryArrayConfig => ({
  name: 'workwell_event_store_read_all',
  text: `WITH horizon AS MATERIALIZED (${horizonSql})
    SELECT ${eventColumns} FROM events
    WHERE position > $1 AND position < (SELECT position FROM horizon)
    ORDER BY events.position LIMIT $2`,
  values: [after, maxCount],
  rowMode: 'array',
});

/**
 * A subscription's page: the events, the horizon they were read under and the newest
 * committed position, which tells whether something is already waiting behind the horizon.
 */
export const subscriptionPageQuery = (after: number, maxCount: number, streamPrefix: string | null): QueryArrayConfig => ({
  name: 'workwell_event_store_subscription_page',
  text: `WITH horizon AS MATERIALIZED (${horizonSql})
    SELECT h.position::text AS horizon, (SELECT max(position) FROM events)::text AS newest, e.*
    FROM horizon h LEFT JOIN LATERAL (
      SELECT ${eventColumns} FROM events
      WHERE position > $1 AND position < h.position AND ($3::text IS NULL OR starts_with(stream_id, $3::text))
      ORDER BY events.position LIMIT $2) e ON true`,
  values: [after, maxCount, streamPrefix],
  rowMode: 'array',
});

export const headPositionQuery = (): QueryConfig => ({
  name: 'workwell_event_store_head_position',
  text: `WITH horizon AS MATERIALIZED (${horizonSql})
    SELECT coalesce((SELECT position FROM events WHERE position < (SELECT position FROM horizon) ORDER BY position DESC LIMIT 1), 0)::text AS position`,
});

export const idempotencyKeyQuery = (key: string): QueryConfig => ({
  name: 'workwell_event_store_idempotency_key',
  text: `SELECT stream_id, first_version, last_version, last_position::text FROM event_idempotency_keys WHERE idempotency_key = $1`,
  values: [key],
});

export const notifyQuery = (channel: string): QueryConfig => ({ text: `SELECT pg_notify($1, '')`, values: [channel] });

/** The newest recording time at or below a position, at the precision the hash chain keeps (ms). */
export const latestRecordedAtQuery = (upToPosition: number): QueryConfig => ({
  name: 'workwell_event_store_latest_recorded_at',
  text: `SELECT to_char(max(recorded_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM events WHERE position <= $1`,
  values: [upToPosition],
});

export const estimatedEventsQuery = (): QueryConfig => ({
  text: `SELECT reltuples::bigint::text AS estimate FROM pg_class WHERE oid = to_regclass('events')`,
});
