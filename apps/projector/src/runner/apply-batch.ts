import type { PoolClient } from 'pg';
import type { SiteRegistry } from '@workwell/domain';
import { commitStatements } from '@workwell/database';
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

/**
 * A batch's commit does not wait for its WAL to reach the disk, unless a projection that must be
 * durable (the key shredder) wrote in it. A server crash may then lose the last batches committed,
 * but only whole, in order, and together with the checkpoints that recorded them (they are in the
 * same transactions): the projector applies them again from the checkpoint that survived, to the
 * same rows. The events themselves are committed durably by their writers before anyone can read
 * them. On a disk whose flush takes milliseconds, this is that much less lag per batch.
 */
const asynchronousCommit = { text: 'SET LOCAL synchronous_commit TO off' };

/**
 * Applies one batch to every target and moves their checkpoints, all in one transaction on
 * `client`: a crash keeps the whole batch or none of it. Events a target has already applied
 * (at or below its checkpoint) are not handed to it again. The histories are read first; then
 * every projection's statements, the checkpoint and the commit go to the server together, in
 * one round trip on a pipelined client (see `commitStatements`).
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
  const behind = targets
    .filter((target) => target.position < last)
    .map((target) => ({
      target,
      handled: journeyEvents.filter((e) => e.position > target.position && target.projection.handles.includes(e.type)),
    }));
  const histories = behind.some(({ handled }) => handled.length > 0)
    ? await loadHistories(eventStore, journeyEvents, cache)
    : new Map<string, ParticipantHistory>();
  const statements = behind.flatMap(({ target: { projection, generation }, handled }) =>
    handled.length ? projection.apply({ events: handled, histories, sites }, tableNames({ version: projection.version, generation })) : [],
  );
  const durable = behind.some(({ target, handled }) => handled.length > 0 && target.projection.durable === true);
  await commitStatements(client, [
    ...(durable ? [] : [asynchronousCommit]),
    ...statements,
    checkpointQuery(
      behind.map(({ target }) => target),
      last,
    ),
  ]);
  for (const target of targets) target.position = Math.max(target.position, last);
};
