import type { PoolClient } from 'pg';
import type { RecordedJourneyEvent, SiteRegistry } from '@workwell/domain';
import type { EventStore, StoredEvent } from '@workwell/event-store';
import { journeyEventsOf, loadHistories, type HistoryCache } from './participant-histories';
import { readModelsChannel, tableNames, type ParticipantHistory, type Projection } from '@workwell/read-models';

export interface Target {
  readonly projection: Projection;
  readonly generation: number;
  /** The position this target has applied; moved on when the batch commits. */
  position: number;
}

/** Moves the targets' checkpoints and tells the waiting readers, in one statement. */
const checkpointQuery = (targets: readonly Target[], last: number) => ({
  name: 'workwell_projector_checkpoint',
  text: `WITH moved AS (
      UPDATE projection_checkpoints AS c SET position = $1, updated_at = now()
      FROM unnest($2::text[], $3::int[], $4::int[]) AS t(projection, version, generation)
      WHERE c.projection = t.projection AND c.version = t.version AND c.generation = t.generation
      RETURNING 1)
    SELECT pg_notify($5, $1::text) FROM (SELECT count(*) FROM moved) AS done`,
  values: [
    last,
    targets.map((t) => t.projection.name),
    targets.map((t) => t.projection.version),
    targets.map((t) => t.generation),
    readModelsChannel,
  ],
});

/** Whether the client sends a query without waiting for the answer to the previous one (pg's `pipeline`). */
const pipelines = (client: PoolClient): boolean => client.pipeline === true;

/**
 * Runs the steps together on a pipelined client, so that their statements share round trips,
 * else one after another. Every step has settled before this does: none can write after a
 * failure has rolled the transaction back.
 */
const allOf = async (client: PoolClient, steps: readonly (() => Promise<unknown>)[]): Promise<void> => {
  if (!pipelines(client)) {
    for (const step of steps) await step();
    return;
  }
  const failed = (await Promise.allSettled(steps.map((step) => step()))).find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
};

/**
 * Applies one batch to every target and moves their checkpoints, all in one transaction on
 * `client`: a crash keeps the whole batch or none of it. Events a target has already applied
 * (at or below its checkpoint) are not handed to it again. Projections write tables of their
 * own, so on a pipelined client they apply side by side.
 */
export const applyBatch = async (
  client: PoolClient,
  eventStore: EventStore,
  targets: readonly Target[],
  events: readonly StoredEvent[],
  cache?: HistoryCache,
  /** The site registry the rows follow (each site's follow-up schedule); none configured when absent. */
  sites?: SiteRegistry,
): Promise<void> => {
  if (events.length === 0) return;
  const last = events[events.length - 1].position;
  const journeyEvents = journeyEventsOf(events);
  let histories: Promise<Map<string, ParticipantHistory>> | undefined;
  const sharedHistories = () => (histories ??= loadHistories(eventStore, journeyEvents, cache));
  const behind = targets.filter((target) => target.position < last);
  const begun = client.query('BEGIN');
  try {
    if (!pipelines(client)) await begun;
    await allOf(client, [
      () => begun,
      ...behind.map((target) => async () => {
        const { projection, generation } = target;
        const handled = journeyEvents.filter(
          (e: RecordedJourneyEvent) => e.position > target.position && projection.handles.includes(e.type),
        );
        if (handled.length)
          await projection.apply(
            client,
            { events: handled, histories: sharedHistories, sites },
            tableNames({ version: projection.version, generation }),
          );
      }),
    ]);
    // On a pipelined client the COMMIT goes with the checkpoint; should the checkpoint fail, the server turns it into a rollback.
    await allOf(client, [() => client.query(checkpointQuery(behind, last)), () => client.query('COMMIT')]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  for (const target of targets) target.position = Math.max(target.position, last);
};
