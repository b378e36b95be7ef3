import type { Pool } from 'pg';
import { type EvaluationRow, londonDateOf, type PeriodKind, type SiteRegistry, toOutcomeRecord } from '@workwell/domain';
import { addToReport, newReportTallies, reportRows, type ReportScope, type ReportTallies } from '@workwell/evaluation';
import { eachOutcomeFacts, projectorProgress } from '@workwell/read-models';

export interface LiveReport {
  readonly asOf: string;
  /** The read models' position the figures include. */
  readonly position: number;
  readonly sites: SiteRegistry;
  readonly tallies: ReportTallies;
}

/**
 * The evaluation figures from the outcome read model, judged at `asOf` under the site registry
 * as it is now, through the one report function the replays use (`addToReport`, `reportRows`):
 * the same episodes give the same rows whichever path read them.
 */
export const computeLiveReport = async (pool: Pool, scope: ReportScope, asOf: string, sites: SiteRegistry): Promise<LiveReport> => {
  const tallies = newReportTallies(scope);
  const { position } = await eachOutcomeFacts(pool, { siteId: scope.siteId }, (facts) =>
    addToReport(tallies, toOutcomeRecord(facts, sites, asOf), scope),
  );
  return { asOf, position, sites, tallies };
};

export interface LiveReportRequest extends ReportScope {
  readonly period: PeriodKind;
  readonly asOf: string;
  readonly sites: SiteRegistry;
  readonly suppressBelow?: number;
}

/**
 * Reports already computed, reused while nothing they depend on has changed: the same read-model
 * position, the same site registry and the same London day (follow-ups and standards are judged
 * by the day). Requests that arrive while one is being computed share it; every period kind
 * comes from one pass.
 */
export class LiveReportCache {
  private readonly entries = new Map<
    string,
    { readonly day: string; readonly sites: SiteRegistry; readonly report: Promise<LiveReport> }
  >();

  async get(pool: Pool, request: LiveReportRequest): Promise<{ asOf: string; position: number; rows: EvaluationRow[] }> {
    const scope: ReportScope = { siteId: request.siteId, from: request.from, to: request.to };
    const report = await this.report(pool, scope, request.asOf, request.sites);
    const rows = reportRows(report.tallies, request.period, scope, { sites: report.sites, suppressBelow: request.suppressBelow });
    return { asOf: report.asOf, position: report.position, rows };
  }

  private async report(pool: Pool, scope: ReportScope, asOf: string, sites: SiteRegistry): Promise<LiveReport> {
    const key = `${scope.siteId ?? ''}\u0000${scope.from ?? ''}\u0000${scope.to ?? ''}`;
    const day = londonDateOf(asOf);
    const cached = this.entries.get(key);
    if (cached && cached.day === day && cached.sites === sites) {
      const report = await cached.report.catch(() => undefined);
      if (report && report.position === (await projectorProgress((sql) => pool.query(sql))).position) return report;
    }
    // Bounded: one entry per site and range asked for, replaced when stale.
    if (this.entries.size > 200) this.entries.clear();
    const report = computeLiveReport(pool, scope, asOf, sites);
    this.entries.set(key, { day, sites, report });
    report.catch(() => this.entries.delete(key));
    return report;
  }
}
