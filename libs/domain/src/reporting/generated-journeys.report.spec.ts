import fc from 'fast-check';
import { DEFAULT_SITE_SCHEDULE, NATIONAL_SURVEY_SCHEDULE } from '../calendar/follow-up.schedule';
import type { JourneyGeneratorOptions } from '@workwell/synthetic';
import { generateJourneys } from '@workwell/synthetic';
import { evolveAll } from '../journey/journey.evolve';
import type { RecordedJourneyEvent } from '../journey/journey.metadata';
import { toIsoInstant, toMillis } from '../shared/iso-time.values';
import { fakeSeal } from '../../testing/journey.fixtures';
import { siteConfiguration, siteRegistryOfConfigurations, sitesWithSchedules } from '../../testing/site.fixtures';
import { cumulativeIncidence } from './cumulative-incidence.statistics';
import { EPISODE_FACT_TYPES } from './episode-facts.evolve';
import type { BreakdownMeasure, EvaluationRow } from './evaluation-row.types';
import { PERIOD_KINDS, type PeriodKind } from './reporting-period.values';
import { evaluationReport, evaluationRows } from './evaluation.report';
import { mergeEvaluationTally, NATIONAL, newEvaluationTally, rollUpEvaluationTally, tallyRecord } from './evaluation-tally.report';
import { kaplanMeier } from './kaplan-meier.statistics';
import { outcomeRecords } from './outcome-record.report';
import type { OutcomeRecord } from './outcome-record.types';
import { knownAt, storedEvents } from '../../testing/reporting.fixtures';
import { timeToWorkObservations } from './time-to-work.report';
import { workOutcomeKindOf } from './work-outcome.rules';

const siteSchedules = { 'site-02': NATIONAL_SURVEY_SCHEDULE };
const sites = sitesWithSchedules(siteSchedules);
const generated = (seed: number, participants: number) => {
  const options: JourneyGeneratorOptions = {
    seed,
    participants,
    sites: 4,
    startDate: '2024-10-01',
    referralPeriodDays: 365,
    seal: fakeSeal,
    siteSchedules,
    rates: { correction: 0.1, reEngagement: 0.1, erasure: 0.02 },
  };
  return storedEvents(...[...generateJourneys(options)].map(({ participantId, commands }) => ({ participantId, commands })));
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const checkRecord = (record: OutcomeRecord): void => {
  const schedule = record.siteId === 'site-02' ? NATIONAL_SURVEY_SCHEDULE : DEFAULT_SITE_SCHEDULE;
  expect(record.checkpoints.map((item) => item.checkpoint)).toEqual(schedule.checkpoints.map((item) => item.checkpoint));
  if (record.startedAt !== null) {
    expect(record.triageDecision).toBe('accepted');
    expect(toMillis(record.startedAt)).toBeGreaterThanOrEqual(toMillis(record.referredAt));
    expect(record.checkpoints.every((item) => item.dueOn !== null)).toBe(true);
    if (record.firstWorkOutcome !== null) expect(record.firstWorkOutcome.daysFromStart).toBeGreaterThanOrEqual(0);
  } else {
    expect(record.sustained).toBeNull();
  }
  if (record.sustained)
    expect(record.checkpoints.filter((item) => workOutcomeKindOf(item.status) !== null).length).toBeGreaterThanOrEqual(2);
  for (const item of record.checkpoints) if (item.status === 'not-reached') expect(item.lostToFollowUp).toBe(true);
  if (record.satisfaction !== null) expect(record.exit).not.toBeNull();
};

const checkRow = (row: EvaluationRow): void => {
  const { referrals, conversion, cohort } = row;
  for (const mix of [
    referrals.bySource,
    referrals.triageDecisions,
    referrals.employmentStatusAtReferral,
    referrals.primaryHealthBarrier,
    referrals.ageBand,
    referrals.imdDecile,
  ]) {
    expect(sum(Object.values(mix))).toBe(referrals.total);
  }
  expect(conversion.of).toBe(referrals.total);
  expect(conversion.count).toBeLessThanOrEqual(referrals.triageDecisions.accepted ?? 0);
  expect(cohort.starts).toBe(row.starts);
  for (const checkpoint of cohort.checkpoints) {
    expect(checkpoint.starts).toBeLessThanOrEqual(cohort.starts);
    expect(checkpoint.inWork.count + checkpoint.job.count).toBeLessThanOrEqual(checkpoint.reached);
    expect(checkpoint.inWork.count + checkpoint.job.count).toBeLessThanOrEqual(checkpoint.inWorkOrJobByCheckpoint.count);
    expect(checkpoint.reached + checkpoint.lostToFollowUp).toBeLessThanOrEqual(checkpoint.starts);
  }
  for (const ratio of [
    conversion,
    row.satisfaction,
    row.followUpResponse,
    row.firstContactStandard,
    row.signedPlanStandard,
    cohort.sustained,
    cohort.anyWorkOutcome,
  ]) {
    expect(ratio.count).toBeLessThanOrEqual(ratio.of);
    expect(ratio.rate).toBe(ratio.of === 0 ? null : ratio.count / ratio.of);
  }
};

/** Every breakdown adds up to its total, and each total is the row's own figure. */
const checkBreakdowns = (row: EvaluationRow): void => {
  const totals: Readonly<Record<BreakdownMeasure, number>> = {
    referrals: row.referrals.total,
    starts: row.starts,
    conversion: row.conversion.count,
    'work-outcome': row.cohort.anyWorkOutcome.count,
    discharges: row.breakdowns.find((breakdown) => breakdown.measure === 'discharges')?.total.count ?? 0,
  };
  for (const breakdown of row.breakdowns) {
    const counts = sum(breakdown.groups.map((group) => group.count ?? NaN));
    expect([breakdown.measure, breakdown.by, counts]).toEqual([breakdown.measure, breakdown.by, breakdown.total.count]);
    expect(breakdown.total.count).toBe(totals[breakdown.measure]);
    if (breakdown.measure === 'conversion' || breakdown.measure === 'work-outcome')
      expect(sum(breakdown.groups.map((group) => group.of ?? NaN))).toBe(breakdown.total.of);
    expect(breakdown.groups.every((group) => !group.suppressed)).toBe(true);
  }
  expect(row.breakdowns.find((breakdown) => breakdown.measure === 'conversion')?.total.of).toBe(row.referrals.total);
};

describe('reports over generated journeys', () => {
  it('never throw, and every record and row is consistent, whatever the seed and as-of cut', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 30, max: 700 }),
        fc.constantFrom<PeriodKind>(...PERIOD_KINDS),
        (seed, cutDays, period) => {
          const asOf = toIsoInstant(toMillis('2024-10-01') + cutDays * 86_400_000);
          const events = knownAt(generated(seed, 60), asOf);
          const records = outcomeRecords(events, { asOf, sites });
          records.forEach(checkRecord);
          expect(Math.max(0, ...records.map((record) => record.lastPosition))).toBeLessThanOrEqual(events.length);
          const rows = evaluationReport(records, { period, suppressBelow: 0 });
          rows.forEach(checkRow);
          rows.forEach(checkBreakdowns);
          const national = rows.filter((row) => row.siteId === NATIONAL);
          expect(sum(national.map((row) => row.referrals.total))).toBe(records.length);
          expect(sum(national.map((row) => row.starts))).toBe(records.filter((record) => record.startedAt !== null).length);
          expect(sum(national.map((row) => row.conversion.count))).toBe(sum(national.map((row) => row.starts)));
          for (const row of national) {
            const sites = rows.filter((candidate) => candidate.siteId !== NATIONAL && candidate.period === row.period);
            expect(sum(sites.map((site) => site.referrals.total))).toBe(row.referrals.total);
            expect(sum(sites.map((site) => site.cohort.sustained.count))).toBe(row.cohort.sustained.count);
          }
          const observations = timeToWorkObservations(records, asOf);
          expect(observations.every((item) => item.time >= 0)).toBe(true);
          expect(kaplanMeier(observations).every((step) => step.survival >= 0 && step.survival <= 1)).toBe(true);
          for (const step of cumulativeIncidence(observations))
            expect(step.eventIncidence + step.competingIncidence + step.survival).toBeCloseTo(1, 10);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('agrees with the journey state on each participant current episode', () => {
    const events = generated(11, 150);
    const records = outcomeRecords(events, { sites });
    const streams = new Map<string, RecordedJourneyEvent[]>();
    for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    for (const [streamId, stream] of streams) {
      const journey = evolveAll(stream);
      const current = records.filter((record) => `participant-${record.participantId}` === streamId).at(-1);
      expect({
        episode: current?.episode,
        startedAt: current?.startedAt,
        firstContactAt: current?.firstContactAt,
        triage: current?.triageDecision,
        erased: current?.erased,
      }).toEqual({
        episode: journey.episode?.number,
        startedAt: journey.episode?.start?.occurredAt ?? null,
        firstContactAt: journey.episode?.firstContactAt,
        triage: journey.episode?.triage,
        erased: journey.erased,
      });
      expect(current?.exit === null).toBe(journey.episode?.open === true || journey.episode?.dischargedAt === null);
    }
  });

  it('needs the data of the episode-fact types only: the records are the same with every other event read without it', () => {
    const events = generated(41, 120);
    const withoutData = events.map((event) =>
      EPISODE_FACT_TYPES.includes(event.type) ? event : ({ ...event, data: null } as unknown as RecordedJourneyEvent),
    );
    expect(withoutData.filter((event) => event.data === null).length).toBeGreaterThan(events.length / 4);
    for (const asOf of ['2025-03-31T00:00:00Z', '2026-06-01T00:00:00Z']) {
      expect(outcomeRecords(knownAt(withoutData, asOf), { asOf, sites })).toEqual(outcomeRecords(knownAt(events, asOf), { asOf, sites }));
    }
  });

  it('adds up the tallies of separate parts of the records (a parallel replay) to the report of them all', () => {
    const records = outcomeRecords(generated(31, 150), { asOf: '2025-09-30T00:00:00Z', sites });
    fc.assert(
      fc.property(
        fc.array(fc.nat(records.length), { maxLength: 4 }),
        fc.constantFrom('month' as const, 'quarter' as const),
        (cuts, period) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), records.length];
          const merged = newEvaluationTally(period);
          for (let i = 1; i < bounds.length; i++) {
            const part = newEvaluationTally(period);
            for (const record of records.slice(bounds[i - 1], bounds[i])) tallyRecord(part, record);
            mergeEvaluationTally(merged, part);
          }
          expect(evaluationRows(merged)).toEqual(evaluationReport(records, { period }));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('rolls month tallies up to the same rows as tallying every record by quarter, financial quarter or the programme to date', () => {
    const targets = { 'Q3 24/25': 10, 'Q4 24/25': 12, 'Q1 25/26': 9 };
    const registry = siteRegistryOfConfigurations([
      siteConfiguration('site-01', { vanguard: 'north', quarterlyStartTargets: targets }),
      siteConfiguration('site-02', { vanguard: 'north', followUpSchedule: NATIONAL_SURVEY_SCHEDULE, quarterlyStartTargets: targets }),
      siteConfiguration('site-03', { quarterlyStartTargets: { 'Q4 24/25': 7 } }),
    ]);
    const days = (from: number) => toIsoInstant(toMillis('2024-10-01') + from * 86_400_000).slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 60, max: 700 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
        fc.constantFrom<PeriodKind>('quarter', 'financial-quarter', 'programme-to-date'),
        (seed, cutDays, range, period) => {
          const asOf = toIsoInstant(toMillis('2024-10-01') + cutDays * 86_400_000);
          const records = outcomeRecords(knownAt(generated(seed, 50), asOf), { asOf, sites: registry });
          const bounds = range === undefined ? {} : { from: days(range[0]), to: days(range[0] + range[1]) };
          const months = newEvaluationTally('month', bounds);
          for (const record of records) tallyRecord(months, record);
          const byKind = newEvaluationTally(period, bounds);
          for (const record of records) tallyRecord(byKind, record);
          const options = { sites: registry, suppressBelow: 0 };
          const rolled = evaluationRows(rollUpEvaluationTally(months, period), options);
          expect(rolled).toEqual(evaluationRows(byKind, options));
          const inNorth = rolled.some((row) => row.level === 'site' && ['site-01', 'site-02'].includes(row.siteId));
          expect(rolled.some((row) => row.level === 'vanguard' && row.siteId === 'north')).toBe(inNorth);
          // The months themselves are left as they were: rolling up twice gives the same rows.
          expect(evaluationRows(rollUpEvaluationTally(months, period), options)).toEqual(rolled);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('gives the same records for the same events in any order, and what a later cut knows only adds', () => {
    const events = generated(7, 120);
    const records = outcomeRecords(events, { asOf: '2026-06-01T00:00:00Z' });
    expect(outcomeRecords([...events].reverse(), { asOf: '2026-06-01T00:00:00Z' })).toEqual(records);
    const earlier = outcomeRecords(knownAt(events, '2025-06-01T00:00:00Z'), { asOf: '2025-06-01T00:00:00Z' });
    expect(earlier.length).toBeLessThanOrEqual(records.length);
    expect(records.some((record) => record.exit?.type === 'work') && records.some((record) => record.sustained === true)).toBe(true);
  });
});
