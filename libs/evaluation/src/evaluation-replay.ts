import type { EvaluationRow } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import { type AsOf, describeAsOf } from './as-of.values';
import { type ReplayProgress, type ReplaySummary, replayOutcomes } from './outcome-replay';
import { reportRows } from './evaluation-report';
import { mergedTallies } from './record-sinks';

/** What a replayed report was computed from: enough to reproduce it exactly. */
export interface ReplayBasis {
  /** `position 1234` or the recorded time asked for. */
  readonly asOf: string;
  readonly asOfBasis: AsOf['kind'];
  readonly judgedAt: string;
  readonly lastPosition: number;
  readonly siteId: string | null;
  readonly participants: number;
  readonly episodes: number;
  readonly eventsRead: number;
}

export interface ReplayedReport extends ReplayBasis {
  readonly month: readonly EvaluationRow[];
  readonly quarter: readonly EvaluationRow[];
}

export const replayBasis = (summary: ReplaySummary, siteId: string | undefined): ReplayBasis => ({
  asOf: describeAsOf(summary.asOf),
  asOfBasis: summary.asOf.kind,
  judgedAt: summary.judgedAt,
  lastPosition: summary.lastPosition,
  siteId: siteId ?? null,
  participants: summary.participants,
  episodes: summary.records,
  eventsRead: summary.eventsRead,
});

/**
 * The evaluation report (by month and by quarter) exactly as it stood at the as-of point. With a
 * site, the national rows are left out: they would count that site alone.
 */
export const replayEvaluation = async (
  store: EventStore,
  asOf: AsOf,
  options: { readonly siteId?: string; readonly threads?: number; readonly onProgress?: (progress: ReplayProgress) => void } = {},
): Promise<ReplayedReport> => {
  const { summary, parts } = await replayOutcomes(store, asOf, {
    siteId: options.siteId,
    threads: options.threads,
    onProgress: options.onProgress,
    sink: () => ({ kind: 'report' }),
  });
  const tallies = mergedTallies(parts);
  const scope = { siteId: options.siteId };
  return {
    ...replayBasis(summary, options.siteId),
    month: reportRows(tallies, 'month', scope),
    quarter: reportRows(tallies, 'quarter', scope),
  };
};
