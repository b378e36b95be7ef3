import { computeLiveReport } from '../../apps/api/src/evaluation/evaluation-report.reader';
import { reportRows, replayEvaluation } from '@workwell/evaluation';
import { startEngine, type Engine } from '../support/engine-harness';
import { seedJourneys } from '../support/seed-journeys';

/**
 * The live report (from the outcome read model) and the replayed one (from the store) are one
 * report function fed two ways: for the same position and judging instant they must agree, row
 * for row, for every site filter and period.
 */
describe('the live and the replayed evaluation report', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    await seedJourneys(engine.eventStore, { participants: 80, seed: 23, sites: ['leeds', 'york', 'hull'] });
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it.each([[undefined], ['leeds'], ['york']])('agree for site %s, by month and by quarter', async (siteId) => {
    const position = await engine.eventStore.headPosition();
    const replayed = await replayEvaluation(engine.eventStore, { kind: 'position', position }, { siteId, threads: 1 });
    const live = await computeLiveReport(engine.db.pool, { siteId }, replayed.judgedAt);
    expect(live.position).toBe(replayed.lastPosition);
    expect(replayed.month.length).toBeGreaterThan(3);
    expect(reportRows(live.tallies, 'month', { siteId })).toEqual(replayed.month);
    expect(reportRows(live.tallies, 'quarter', { siteId })).toEqual(replayed.quarter);
    const sites = new Set(replayed.month.map((row) => row.siteId));
    expect([...sites].sort()).toEqual(siteId === undefined ? ['*', 'hull', 'leeds', 'york'] : [siteId]);
  });
});
