import { PARTICIPANT_STREAM_PREFIX, participantKeyId, participantStreamId } from '@workwell/domain';
import { replayEvaluation, type ReplayedReport } from '@workwell/evaluation';
import { readWholeStream } from '@workwell/event-store';
import {
  applyRetention,
  importSyntheticJourneys,
  participantsDue,
  retentionRuleFromJson,
  retentionRuleFromSetting,
  RetentionRuleError,
} from '@workwell/interchange';
import { admin, masterKeys, openEngine, type Engine } from './interchange-files';

jest.setTimeout(120_000);

const IMPORTED_AT = new Date('2026-06-01T12:00:00Z');
/** When retention is judged: leeds keeps one year, so its participants quiet since before 1 December 2025 are due. */
const JUDGED_AT = new Date('2026-12-01T00:00:00Z');
const rule = retentionRuleFromSetting('leeds=1,*=100');

/** The figures, by month and quarter, without the positions they name (an erasure is one more event). */
const figures = (report: ReplayedReport): string =>
  JSON.stringify(
    { month: report.month, quarter: report.quarter, participants: report.participants, episodes: report.episodes },
    (key, value: unknown) => (key === 'lastPosition' ? undefined : value),
  );

describe('retention: a per-site rule, and erasure of those it makes due', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine();
    await importSyntheticJourneys(engine.db.pool, engine.store, {
      participants: 150,
      seed: 31,
      sites: ['leeds', 'york'],
      now: IMPORTED_AT,
      masterKeys,
      threads: 1,
    });
  });
  afterAll(() => engine.close());

  it('reads the rule from the setting or a JSON file, and refuses a wrong one', () => {
    expect(rule.retentionYearsFor('leeds')).toBe(1);
    expect(rule.retentionYearsFor('york')).toBe(100);
    expect(retentionRuleFromSetting(undefined).retentionYearsFor('anywhere')).toBe(6);
    expect(retentionRuleFromJson('{"york": 8}').years).toEqual({ '*': 6, york: 8 });
    expect(() => retentionRuleFromSetting('leeds=six')).toThrow(RetentionRuleError);
    expect(() => retentionRuleFromJson('{"leeds": 0}')).toThrow(/from 1 to 100/);
  });

  it("lists exactly the participants whose last event is more than their site's years ago, and erases them through the normal erasure", async () => {
    const expected: string[] = [];
    for await (const stream of engine.store.streams({ prefix: PARTICIPANT_STREAM_PREFIX })) {
      const site = (stream.events.find((e) => e.type === 'ParticipantReferred')!.data as { siteId: string }).siteId;
      const last = Math.max(...stream.events.map((e) => Date.parse(e.metadata.occurredAt as string)));
      const erased = stream.events.some((e) => e.type === 'ParticipantErased');
      if (site === 'leeds' && !erased && last <= Date.parse('2025-12-01T00:00:00Z'))
        expected.push(stream.streamId.slice(PARTICIPANT_STREAM_PREFIX.length));
    }
    const due = await participantsDue(engine.store, rule, JUDGED_AT);
    expect(due.map((d) => d.participantId).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(5);
    expect(due.every((d) => d.siteId === 'leeds' && d.retentionYears === 1 && d.dueSince <= JUDGED_AT.toISOString())).toBe(true);

    const asOf = { kind: 'recorded-time' as const, at: new Date(Date.now() + 86_400_000).toISOString() };
    const before = await replayEvaluation(engine.store, asOf, { threads: 1 });
    const requestedBy = { ...admin, organisation: 'workwell-retention' };
    expect(await applyRetention(engine.store, engine.keys, due, { requestedBy, now: JUDGED_AT })).toEqual({
      erased: due.length,
      alreadyErased: 0,
    });
    const after = await replayEvaluation(engine.store, asOf, { threads: 1 });
    expect(figures(after)).toBe(figures(before));
    expect(after.eventsRead).toBe(before.eventsRead + due.length);

    const [first] = due;
    const stream = await readWholeStream(engine.store, participantStreamId(first.participantId));
    expect(stream.at(-1)).toMatchObject({
      type: 'ParticipantErased',
      data: { reasonCode: { code: 'retention-period-ended', list: 'erasure-reason' }, keyId: participantKeyId(first.participantId) },
      metadata: { actor: requestedBy },
    });
    expect(await engine.keys.isDestroyed(participantKeyId(first.participantId))).toBe(true);
    expect(await engine.keys.open((stream[0].data as { personalDetails: never }).personalDetails)).toEqual({ erased: true });
    expect(await participantsDue(engine.store, rule, JUDGED_AT)).toEqual([]);
  });
});
