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

/**
 * Applies one batch to every target and moves their checkpoints, all in one transaction on
 * `client`: a crash keeps the whole batch or none of it. Events a target has already applied
 * (at or below its checkpoint) are not handed to it again.
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
  await client.query('BEGIN');
  try {
    for (const target of targets) {
      if (target.position >= last) continue;
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
      await client.query(
        'UPDATE projection_checkpoints SET position = $4, updated_at = now() WHERE projection = $1 AND version = $2 AND generation = $3',
        [projection.name, projection.version, generation, last],
      );
    }
    await client.query('SELECT pg_notify($1, $2)', [readModelsChannel, String(last)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  for (const target of targets) target.position = Math.max(target.position, last);
};
