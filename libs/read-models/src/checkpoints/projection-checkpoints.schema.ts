import type { Migration } from '@workwell/database';

/**
 * One row per projection version and generation: where it has read to and whether it serves
 * reads. A new version, or a new generation of the same version (`workwell rebuild`), is built
 * beside the live one (`building`) and swapped in when it has caught up.
 */
export const projectionCheckpointsMigration: Migration = {
  id: '0300_projection_checkpoints',
  sql: `
    CREATE TABLE projection_checkpoints (
      projection text NOT NULL,
      version int NOT NULL,
      generation int NOT NULL DEFAULT 0,
      position bigint NOT NULL DEFAULT 0,
      state text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, version, generation)
    );
    CREATE UNIQUE INDEX projection_checkpoints_one_live ON projection_checkpoints (projection) WHERE state = 'live';
    CREATE TABLE projector_heartbeats (
      instance_id text PRIMARY KEY,
      started_at timestamptz NOT NULL,
      seen_at timestamptz NOT NULL,
      position bigint NOT NULL DEFAULT 0
    );
  `,
};

export interface ProjectorProgress {
  /** The lowest position every live projection has applied (0 when none has run). */
  readonly position: number;
  /** When a projector instance last said it was alive, if ever. */
  readonly lastSeenAt: Date | undefined;
}

export const projectorProgress = async (
  query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<ProjectorProgress> => {
  const { rows } = await query(`
    SELECT (SELECT coalesce(min(position), 0) FROM projection_checkpoints WHERE state = 'live') AS position,
           (SELECT max(seen_at) FROM projector_heartbeats) AS seen_at`);
  return { position: Number(rows[0].position), lastSeenAt: (rows[0].seen_at as Date | null) ?? undefined };
};
