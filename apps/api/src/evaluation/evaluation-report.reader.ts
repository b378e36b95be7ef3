import type { Pool } from 'pg';
import { inReadSnapshot } from '@workwell/database';
import {
  DEFAULT_SITE_SCHEDULE,
  type EpisodeFacts,
  type EvaluationRow,
  evaluationRows,
  londonDateOf,
  newEvaluationTally,
  type PeriodKind,
  toOutcomeRecord,
  tallyRecord,
} from '@workwell/domain';
import { projectorProgress } from '@workwell/read-models';

export interface LiveReport {
  readonly asOf: string;
  /** The read models' position the figures include. */
  readonly position: number;
  readonly rows: readonly EvaluationRow[];
}

const pageSize = 2_000;

/**
 * The evaluation figures from the outcome read model, judged at `asOf`: the facts stream through
 * a cursor and are tallied as they come, so memory holds one page however many episodes there
 * are; rows and position are read in one snapshot, so the position is exactly what they include.
 */
export const computeLiveReport = async (
  pool: Pool,
  options: { period: PeriodKind; siteId?: string; asOf: string },
): Promise<LiveReport> => {
  return inReadSnapshot(pool, async (client) => {
    const { position } = await projectorProgress((sql) => client.query(sql));
    const tally = newEvaluationTally(options.period);
    await client.query({
      text: `DECLARE live_report NO SCROLL CURSOR FOR SELECT facts FROM outcome_facts ${options.siteId === undefined ? '' : 'WHERE site_id = $1'}`,
      values: options.siteId === undefined ? [] : [options.siteId],
    });
    for (;;) {
      const { rows } = await client.query<{ facts: EpisodeFacts }>(`FETCH ${pageSize} FROM live_report`);
      if (rows.length === 0) break;
      for (const { facts } of rows) tallyRecord(tally, toOutcomeRecord(facts, DEFAULT_SITE_SCHEDULE, options.asOf));
    }
    return { asOf: options.asOf, position, rows: evaluationRows(tally) };
  });
};

/**
 * Reports already computed, reused while nothing they depend on has changed: the same read-model
 * position and the same London day (follow-ups and standards are judged by the day). Requests
 * that arrive while one is being computed share it.
 */
export class LiveReportCache {
  private readonly entries = new Map<string, { readonly day: string; readonly report: Promise<LiveReport> }>();

  async get(pool: Pool, options: { period: PeriodKind; siteId?: string; asOf: string }): Promise<LiveReport> {
    const key = `${options.period}\u0000${options.siteId ?? ''}`;
    const day = londonDateOf(options.asOf);
    const cached = this.entries.get(key);
    if (cached && cached.day === day) {
      const report = await cached.report.catch(() => undefined);
      if (report && report.position === (await projectorProgress((sql) => pool.query(sql))).position) return report;
    }
    const report = computeLiveReport(pool, options);
    this.entries.set(key, { day, report });
    report.catch(() => this.entries.delete(key));
    return report;
  }
}
