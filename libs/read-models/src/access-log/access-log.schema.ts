import type { Migration } from '@workwell/database';

/** Every read of personal data, append-only, for the auditors: the one record the API keeps besides the events. */
export const apiRecordsMigration: Migration = {
  id: '0400_api_records',
  sql: `
    CREATE TABLE personal_data_access_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      accessed_at timestamptz NOT NULL DEFAULT now(),
      user_id text NOT NULL,
      role text NOT NULL,
      user_site text,
      organisation text NOT NULL,
      participant_id uuid NOT NULL,
      participant_site text,
      purpose text NOT NULL,
      what text NOT NULL,
      request_id text
    );
    CREATE INDEX personal_data_access_log_participant ON personal_data_access_log (participant_id, accessed_at);
    CREATE FUNCTION workwell_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER personal_data_access_log_append_only BEFORE UPDATE OR DELETE ON personal_data_access_log
      FOR EACH ROW EXECUTE FUNCTION workwell_access_log_append_only();
    CREATE TRIGGER personal_data_access_log_no_truncate BEFORE TRUNCATE ON personal_data_access_log
      FOR EACH STATEMENT EXECUTE FUNCTION workwell_access_log_append_only();
    REVOKE UPDATE, DELETE, TRUNCATE ON personal_data_access_log FROM PUBLIC;

  `,
};
