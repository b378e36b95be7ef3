import { computeLiveReport } from '../../apps/api/src/evaluation/evaluation-report.reader';
import { NATIONAL_SURVEY_SCHEDULE, PERIOD_KINDS } from '@workwell/domain';
import { siteConfiguration } from '@workwell/domain-testing';
import { reportRows, replayEvaluation } from '@workwell/evaluation';
import { loadSiteRegistry, recordSiteConfiguration } from '@workwell/sites';
import { startEngine, type Engine } from '../support/engine-harness';
import { seedJourneys } from '../support/seed-journeys';

const ADMIN = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;

/**
 * The live report (from the outcome read model) and the replayed one (from the store) are one
 * report function fed two ways: for the same position, judging instant and site registry they
 * must agree, row for row, for every site filter and period kind.
 */
describe('the live and the replayed evaluation report', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    const targets = { 'Q3 25/26': 12, 'Q4 25/26': 15, 'Q1 26/27': 20 };
    for (const configuration of [
      siteConfiguration('leeds', { vanguard: 'west-yorkshire', quarterlyStartTargets: targets }),
      siteConfiguration('york', { vanguard: 'west-yorkshire', quarterlyStartTargets: targets }),
      siteConfiguration('hull', { followUpSchedule: NATIONAL_SURVEY_SCHEDULE }),
    ])
      await recordSiteConfiguration(engine.eventStore, configuration, { recordedBy: ADMIN, occurredAt: '2026-06-01T08:00:00Z' });
    await seedJourneys(engine.eventStore, { participants: 80, seed: 23, sites: ['leeds', 'york', 'hull'] });
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it.each([[undefined], ['leeds'], ['york']])('agree for site %s, by every period kind', async (siteId) => {
    const position = await engine.eventStore.headPosition();
    const replayed = await replayEvaluation(engine.eventStore, { kind: 'position', position }, { siteId, threads: 1 });
    const sites = await loadSiteRegistry(engine.eventStore);
    const live = await computeLiveReport(engine.db.pool, { siteId }, replayed.judgedAt, sites);
    expect(live.position).toBe(replayed.lastPosition);
    expect(replayed.month.length).toBeGreaterThan(3);
    const replayedByKind = {
      month: replayed.month,
      quarter: replayed.quarter,
      'financial-quarter': replayed.financialQuarter,
      'programme-to-date': replayed.programmeToDate,
    };
    for (const kind of PERIOD_KINDS) expect(reportRows(live.tallies, kind, { siteId }, { sites })).toEqual(replayedByKind[kind]);
    const ids = new Set(replayed.month.map((row) => row.siteId));
    expect([...ids].sort()).toEqual(siteId === undefined ? ['*', 'hull', 'leeds', 'west-yorkshire', 'york'] : [siteId]);
    const target = replayed.financialQuarter.find((row) => row.siteId === 'west-yorkshire' && row.period === 'Q4 25/26');
    if (siteId === undefined) expect(target?.startTarget).toBe(30);
    expect(replayed.programmeToDate.every((row) => row.period === 'programme-to-date')).toBe(true);
  });
});
