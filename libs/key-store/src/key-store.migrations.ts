import type { Migration } from '@workwell/database';

/**
 * The data keys live outside the event log, in a table that, unlike the events, is updated:
 * destroying a key nulls its bytes in place. The row itself stays, as the proof of when and why
 * the key was destroyed, and the database refuses to bring a destroyed key back or to delete a
 * row (deleting a live row would erase a participant without a trace).
 */
export const keyStoreMigrations: Migration[] = [
  {
    id: '0200_key_store',
    sql: `
      CREATE TABLE participant_keys (
        key_id text PRIMARY KEY CHECK (key_id <> ''),
        wrapped_key bytea CHECK (octet_length(wrapped_key) = 60),
        master_key_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        destroyed_reason text,
        CONSTRAINT participant_keys_live_or_destroyed CHECK (
          (wrapped_key IS NOT NULL AND master_key_id IS NOT NULL AND destroyed_at IS NULL AND destroyed_reason IS NULL)
          OR (wrapped_key IS NULL AND master_key_id IS NULL AND destroyed_at IS NOT NULL AND destroyed_reason <> '')
        )
      );

      CREATE INDEX participant_keys_by_master_key ON participant_keys (master_key_id, key_id) WHERE wrapped_key IS NOT NULL;

      CREATE FUNCTION participant_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'participant_keys rows are never deleted: destroy the key instead (key %)', OLD.key_id;
        END IF;
        IF OLD.destroyed_at IS NOT NULL AND (NEW.wrapped_key IS NOT NULL OR NEW.destroyed_at IS DISTINCT FROM OLD.destroyed_at) THEN
          RAISE EXCEPTION 'participant key % was destroyed at % and cannot be restored', OLD.key_id, OLD.destroyed_at;
        END IF;
        RETURN NEW;
      END
      $$;

      CREATE TRIGGER participant_keys_guard BEFORE UPDATE OR DELETE ON participant_keys
        FOR EACH ROW EXECUTE FUNCTION participant_keys_guard();
    `,
  },
];
