import type { Pool } from 'pg';
import type { StreamRange } from '../event-store.port';
import { prefixEnd } from './streams-in-order';

const evenly = (bounds: readonly string[], parts: number): string[] => {
  const splits: string[] = [];
  for (let i = 1; i < parts; i++) {
    const bound = bounds[Math.floor((i * bounds.length) / parts)];
    if (bound !== undefined && bound !== splits.at(-1)) splits.push(bound);
  }
  return splits;
};

/**
 * Splits the ids of the streams with the prefix into at most `parts` ranges holding about as
 * many events each, for readers that work in parallel. The split points come from the planner's
 * histogram of stream ids (kept by ANALYZE, which autovacuum runs); without one, from an exact
 * pass over the ids. Together the ranges cover every id once.
 */
export const streamRanges = async (pool: Pool, prefix: string, parts: number): Promise<StreamRange[]> => {
  if (parts <= 1) return [{}];
  // The end of the id space for '': above every id the store's ids can hold.
  const end = prefix === '' ? '\u{10FFFF}' : prefixEnd(prefix);
  const histogram = await pool.query<{ bound: string }>(
    `SELECT bound FROM pg_stats, unnest(histogram_bounds::text::text[]) AS bound
     WHERE schemaname = current_schema() AND tablename = 'events' AND attname = 'stream_id' AND bound >= $1 AND bound < $2`,
    [prefix, end],
  );
  let splits = evenly(
    histogram.rows.map((row) => row.bound),
    parts,
  );
  if (histogram.rows.length < parts * 4) {
    const exact = await pool.query<{ bound: string }>(
      `SELECT max(stream_id) AS bound FROM (SELECT stream_id, ntile($3) OVER (ORDER BY stream_id) AS part FROM events WHERE stream_id >= $1 AND stream_id < $2) AS t
       GROUP BY part ORDER BY part`,
      [prefix, end, parts],
    );
    splits = [...new Set(exact.rows.slice(0, -1).map((row) => row.bound))];
  }
  const ranges: StreamRange[] = [];
  let after: string | undefined;
  for (const upTo of splits) {
    ranges.push(after === undefined ? { upTo } : { after, upTo });
    after = upTo;
  }
  ranges.push(after === undefined ? {} : { after });
  return ranges;
};
