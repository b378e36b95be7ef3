import { siteConfiguration } from '@workwell/domain-testing';
import { replayEvaluation } from '@workwell/evaluation';
import { recordSiteConfiguration } from '@workwell/sites';
import { startEngine, type Engine } from '../support/engine-harness';
import { seedJourneys } from '../support/seed-journeys';

const ADMIN = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;

/** A past report is reproduced under the site configuration known then, not the one in force today. */
describe('a report as of before a schedule change', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await startEngine();
    await seedJourneys(engine.eventStore, { participants: 60, seed: 41 });
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it('follows the old schedule, and a report as of after it the new one', async () => {
    const before = await engine.eventStore.headPosition();
    await recordSiteConfiguration(
      engine.eventStore,
      siteConfiguration('leeds', {
        validFrom: '2000-01-01',
        followUpSchedule: { checkpoints: [{ checkpoint: '26-weeks', after: { weeks: 26 } }] },
      }),
      { recordedBy: ADMIN, occurredAt: new Date().toISOString() },
    );
    const after = await engine.eventStore.headPosition();
    const checkpointsOf = async (position: number, siteId: string) => {
      const report = await replayEvaluation(engine.eventStore, { kind: 'position', position }, { siteId, threads: 1 });
      const started = report.programmeToDate.find((row) => row.siteId === siteId);
      expect(started?.starts).toBeGreaterThan(0);
      return started!.cohort.checkpoints.map((checkpoint) => checkpoint.checkpoint);
    };
    expect(await checkpointsOf(before, 'leeds')).toEqual(['12-weeks', '26-weeks', '52-weeks']);
    expect(await checkpointsOf(after, 'leeds')).toEqual(['26-weeks']);
    // Another site keeps the national schedule.
    expect(await checkpointsOf(after, 'york')).toEqual(['12-weeks', '26-weeks', '52-weeks']);
  });
});
