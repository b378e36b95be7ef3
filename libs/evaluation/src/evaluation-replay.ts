import type { EvaluationRow, ReportRange, SiteRegistry } from '@workwell/domain';
import { siteRegistryKnownAt } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import { loadSiteRegistry } from '@workwell/sites';
import { type AsOf, describeAsOf } from './as-of.values';
import { type ReplayProgress, type ReplaySummary, replayOutcomes } from './outcome-replay';
import { reportRows, type ReportScope } from './evaluation-report';
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
  readonly from: string | null;
  readonly to: string | null;
  readonly month: readonly EvaluationRow[];
  readonly quarter: readonly EvaluationRow[];
  /** DWP's financial-year quarters (`Q3 24/25`), with starts against target. */
  readonly financialQuarter: readonly EvaluationRow[];
  readonly programmeToDate: readonly EvaluationRow[];
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

export interface ReplayReportOptions extends ReportRange {
  readonly siteId?: string;
  /** Breakdown groups smaller than this are suppressed (default 5; 0 for none). */
  readonly suppressBelow?: number;
  readonly threads?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

/**
 * The evaluation report (by month, calendar quarter, financial quarter and programme to date)
 * exactly as it stood at the as-of point, under the site configurations known then. With a site,
 * the vanguard and national rows are left out: they would count that site alone.
 */
export const replayEvaluation = async (store: EventStore, asOf: AsOf, options: ReplayReportOptions = {}): Promise<ReplayedReport> => {
  const registry = await loadSiteRegistry(store);
  let sites: SiteRegistry = registry;
  const { summary, parts } = await replayOutcomes(store, asOf, {
    siteId: options.siteId,
    threads: options.threads,
    onProgress: options.onProgress,
    sitesAt: (knownAt) => (sites = siteRegistryKnownAt(registry, knownAt)),
    sink: () => ({ kind: 'report', range: { from: options.from, to: options.to } }),
  });
  const range = { from: options.from, to: options.to };
  const tallies = mergedTallies(parts, range);
  const scope: ReportScope = { siteId: options.siteId, ...range };
  const rowOptions = { sites, suppressBelow: options.suppressBelow };
  return {
    ...replayBasis(summary, options.siteId),
    from: options.from ?? null,
    to: options.to ?? null,
    month: reportRows(tallies, 'month', scope, rowOptions),
    quarter: reportRows(tallies, 'quarter', scope, rowOptions),
    financialQuarter: reportRows(tallies, 'financial-quarter', scope, rowOptions),
    programmeToDate: reportRows(tallies, 'programme-to-date', scope, rowOptions),
  };
};
