import { ConcurrencyConflict, type EventStore } from '@workwell/event-store';
import type { ApiMetrics } from '@workwell/observability';

/**
 * The API's event store with its appends counted (appended, duplicate, conflict, failed) and
 * timed: every append the API makes, journey commands and extract sharings alike, goes through
 * here, and the adapters stay free of metrics.
 */
export const countedEventStore = (store: EventStore, metrics: ApiMetrics): EventStore => {
  const append: EventStore['append'] = async (streamId, events, options) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await store.append(streamId, events, options);
      metrics.append(result.duplicate ? 'duplicate' : 'appended', result.events.length, seconds());
      return result;
    } catch (error) {
      metrics.append(error instanceof ConcurrencyConflict ? 'conflict' : 'failed', 0, seconds());
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};
