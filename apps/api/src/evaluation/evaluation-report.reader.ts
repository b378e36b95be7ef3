import type { Pool } from 'pg';
import { DEFAULT_SITE_SCHEDULE, type EvaluationRow, londonDateOf, type PeriodKind, toOutcomeRecord } from '@workwell/domain';
import { addToReport, newReportTallies, reportRows, type ReportScope, type ReportTallies } from '@workwell/evaluation';
import { eachOutcomeFacts, projectorProgress } from '@workwell/read-models';

export interface LiveReport {
  readonly asOf: string;
  /** The read models' position the figures include. */
  readonly position: number;
  readonly tallies: ReportTallies;
}

/**
 * The evaluation figures from the outcome read model, judged at `asOf`, through the one report
 * function the replays use (`addToReport`, `reportRows`): the same episodes give the same rows
 * whichever path read them.
 */
export const computeLiveReport = async (pool: Pool, scope: ReportScope, asOf: string): Promise<LiveReport> => {
  const tallies = newReportTallies();
  const { position } = await eachOutcomeFacts(pool, scope, (facts) =>
    addToReport(tallies, toOutcomeRecord(facts, DEFAULT_SITE_SCHEDULE, asOf), scope),
  );
  return { asOf, position, tallies };
};

/**
 * Reports already computed, reused while nothing they depend on has changed: the same read-model
 * position and the same London day (follow-ups and standards are judged by the day). Requests
 * that arrive while one is being computed share it; both period kinds come from one pass.
 */
export class LiveReportCache {
  private readonly entries = new Map<string, { readonly day: string; readonly report: Promise<LiveReport> }>();

  async get(
    pool: Pool,
    options: { period: PeriodKind; siteId?: string; asOf: string },
  ): Promise<{ asOf: string; position: number; rows: EvaluationRow[] }> {
    const scope: ReportScope = { siteId: options.siteId };
    const report = await this.report(pool, scope, options.asOf);
    return { asOf: report.asOf, position: report.position, rows: reportRows(report.tallies, options.period, scope) };
  }

  private async report(pool: Pool, scope: ReportScope, asOf: string): Promise<LiveReport> {
    const key = scope.siteId ?? '';
    const day = londonDateOf(asOf);
    const cached = this.entries.get(key);
    if (cached && cached.day === day) {
      const report = await cached.report.catch(() => undefined);
      if (report && report.position === (await projectorProgress((sql) => pool.query(sql))).position) return report;
    }
    const report = computeLiveReport(pool, scope, asOf);
    this.entries.set(key, { day, report });
    report.catch(() => this.entries.delete(key));
    return report;
  }
}
