import type { Migration } from '@workwell/database';

/**
 * The `timeline` projection kept a copy of every event; the API now reads a participant's
 * timeline from their stream. Its checkpoint is retired so that it no longer holds back the
 * position the read models report, and its tables go.
 */
export const retiredTimelineMigration: Migration = {
  id: '0410_retire_timeline_copy',
  sql: `
    UPDATE projection_checkpoints SET state = 'retired', updated_at = now() WHERE projection = 'timeline';
    DROP VIEW IF EXISTS participant_timeline;
    DO $$
    DECLARE copy record;
    BEGIN
      FOR copy IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ '^participant_timeline_v[0-9]+(_g[0-9]+)?$' LOOP
        EXECUTE format('DROP TABLE %I', copy.tablename);
      END LOOP;
    END
    $$;
  `,
};
