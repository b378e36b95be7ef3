import type { EventStore, StoredEvent } from './event-store.port';

/**
 * Every event of a stream (or its first `upToVersion`), read in bounded pages: stores are
 * never asked for an unbounded read, whatever the adapter.
 */
export const readWholeStream = async (
  store: EventStore,
  streamId: string,
  options: { upToVersion?: number; pageSize?: number } = {},
): Promise<StoredEvent[]> => {
  const pageSize = options.pageSize ?? 500;
  const limit = options.upToVersion ?? Number.POSITIVE_INFINITY;
  const events: StoredEvent[] = [];
  while (events.length < limit) {
    const page = await store.readStream(streamId, { fromVersion: events.length + 1, maxCount: Math.min(pageSize, limit - events.length) });
    events.push(...page);
    if (page.length < pageSize) break;
  }
  return events;
};
