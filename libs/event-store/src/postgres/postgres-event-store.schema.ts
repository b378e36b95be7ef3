import type { Migration } from '@workwell/database';

/** The channel appends notify after they commit; subscribers LISTEN on it. */
export const eventsChannel = 'workwell_events';

/** The role production connects through (see the README): it may read and append, nothing else. */
export const writerRole = 'workwell_writer';

/**
 * Positions are `(top-level xid << 16) + ordinal within the transaction`, so position order is
 * transaction-id order and every event of a transaction that commits late still sorts before
 * those of later transactions; readers only read below the oldest running xid (see the
 * queries), so nothing can appear behind a position already handed out.
 *
 * The ordinal lives in a transaction-local setting. `event_store_next_position` is plain SQL
 * so the planner inlines it into the column default (a PL/pgSQL default costs ~3 µs a row);
 * the domain cast is what refuses a 65,537th event in one transaction, with its own message.
 */
const eventStoreSql = `
CREATE DOMAIN event_store_ordinal AS integer
  CONSTRAINT "a transaction may append at most 65536 events" CHECK (VALUE < 65536);

CREATE FUNCTION event_store_next_position() RETURNS bigint LANGUAGE sql VOLATILE AS $$
  SELECT (pg_current_xact_id()::text::bigint << 16)
    + (set_config('workwell.event_ordinal',
         (coalesce(nullif(current_setting('workwell.event_ordinal', true), ''), '0')::integer + 1)::text,
         true)::integer - 1)::event_store_ordinal
$$;

CREATE TABLE events (
  position bigint PRIMARY KEY DEFAULT event_store_next_position(),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- Byte order: stream-prefix scans and verification walk the (stream_id, version) index in order.
  stream_id text COLLATE "C" NOT NULL CHECK (stream_id <> ''),
  version integer NOT NULL CHECK (version > 0),
  event_id uuid NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  previous_hash bytea,
  hash bytea NOT NULL,
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, version),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  -- Readers trust position order to be transaction order; no insert may break that.
  CONSTRAINT events_position_in_own_transaction CHECK (position >> 16 = transaction_id::text::bigint)
);

CREATE TABLE event_idempotency_keys (
  idempotency_key text PRIMARY KEY,
  stream_id text COLLATE "C" NOT NULL,
  first_version integer NOT NULL,
  last_version integer NOT NULL,
  last_position bigint NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION event_store_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the event log is append-only', TG_OP, TG_TABLE_NAME
    USING HINT = 'Correct a past event by appending a new one.';
END
$$;

CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION event_store_refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store_refuse_change();
CREATE TRIGGER event_idempotency_keys_immutable BEFORE UPDATE OR DELETE ON event_idempotency_keys
  FOR EACH ROW EXECUTE FUNCTION event_store_refuse_change();
CREATE TRIGGER event_idempotency_keys_no_truncate BEFORE TRUNCATE ON event_idempotency_keys
  FOR EACH STATEMENT EXECUTE FUNCTION event_store_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON events, event_idempotency_keys FROM PUBLIC;

-- Roles are cluster-wide: another database (or a parallel migration) may have created it first,
-- and a migrating user without CREATEROLE still gets the tables, only not the role.
DO $$
BEGIN
  BEGIN
    CREATE ROLE ${writerRole} NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN RAISE NOTICE 'cannot create role ${writerRole}; grant it by hand';
  END;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${writerRole}') THEN
    GRANT SELECT ON events, event_idempotency_keys TO ${writerRole};
    -- Not position or transaction_id: only the defaults may set them.
    GRANT INSERT (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
      ON events TO ${writerRole};
    GRANT INSERT ON event_idempotency_keys TO ${writerRole};
  END IF;
END
$$;
`;

/**
 * Event bodies as \`json\`, not \`jsonb\`: the store never looks inside them in SQL, and \`json\`
 * keeps the text as written, so an append only validates it and a read only copies it out
 * (measured: reading every stream 40% faster, 5.1 s instead of 7.9 s of server time a million
 * events). Hashes are over the parsed value, so events written before read back the same.
 * Rewrites the table once; the immutability triggers are row triggers and do not fire.
 */
const jsonBodiesSql = `ALTER TABLE events ALTER COLUMN data TYPE json USING data::json, ALTER COLUMN metadata TYPE json USING metadata::json;`;

/**
 * The hash covers recorded_at to the millisecond, and every writer stores exactly that millisecond
 * (appends and imports alike): a value below it can only come from someone changing the row. The
 * CHECK refuses such a value (UTC, so that the expression is immutable); an owner can drop it, so
 * verification also reads the microseconds and fails on any (see streams-in-order.ts). NOT VALID:
 * existing rows are not scanned under the ACCESS EXCLUSIVE lock this takes (a million events would
 * hold appends for seconds) and a row altered before the upgrade does not stop it; `workwell verify`
 * reports such a row, and `ALTER TABLE events VALIDATE CONSTRAINT ...` checks them all without
 * blocking appends.
 */
const recordedAtMillisecondsSql = `ALTER TABLE events ADD CONSTRAINT events_recorded_at_in_milliseconds
  CHECK (date_trunc('milliseconds', recorded_at AT TIME ZONE 'UTC') = recorded_at AT TIME ZONE 'UTC') NOT VALID;`;

export const eventStoreMigrations: readonly Migration[] = [
  { id: '0100_event_store', sql: eventStoreSql },
  { id: '0110_event_bodies_json', sql: jsonBodiesSql },
  { id: '0120_recorded_at_milliseconds', sql: recordedAtMillisecondsSql },
];
