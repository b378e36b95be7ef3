import { PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { cumulativeIncidence } from './cumulative-incidence.statistics';
import { outcomeRecords } from './outcome-record.report';
import type { ExitRecord, OutcomeRecord, WorkOutcome } from './outcome-record.types';
import { storedEvents } from '../../testing/reporting.fixtures';
import { timeToWorkObservations } from './time-to-work.report';

// Started on Thursday 13 March 2025.
const [base] = outcomeRecords(storedEvents({ participantId: PARTICIPANT_ID, commands: started() }), { asOf: '2025-09-09T12:00:00Z' });
const AS_OF = '2025-09-09T12:00:00Z';

const work = (observedAt: string): WorkOutcome => ({
  kind: 'in-work',
  status: 'returned-to-work',
  checkpoint: '12-weeks',
  observedAt,
  recordedAt: observedAt,
  daysFromStart: null,
});
const exit = (reason: string, dischargedAt: string): ExitRecord => ({ dischargedAt, reason, type: 'other', statusAtDischarge: null });
const record = (participantId: string, overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({ ...base, participantId, ...overrides });

const records = [
  record('r1', { firstWorkOutcome: work('2025-05-12T10:00:00Z') }),
  record('r2', { exit: exit('disengaged', '2025-04-12T10:00:00Z') }),
  record('r3', { exit: exit('withdrew', '2025-04-22T10:00:00Z'), firstWorkOutcome: work('2025-06-05T10:00:00Z') }),
  record('r4', { exit: exit('disengaged', '2025-04-12T10:00:00Z'), firstWorkOutcome: work('2025-04-12T10:00:00Z') }),
  record('r5', {
    exit: exit('plan-completed', '2025-05-12T10:00:00Z'),
    checkpoints: [{ ...base.checkpoints[0], status: 'off-sick', observedAt: '2025-06-05T10:00:00Z', recordedAt: '2025-06-05T10:00:00Z' }],
  }),
  record('r6', { exit: exit('plan-completed', '2025-05-12T10:00:00Z'), firstWorkOutcome: work('2025-06-05T10:00:00Z') }),
  record('r7'),
  record('r8', { startedAt: null, startMonth: null }),
  record('r9', { firstWorkOutcome: work('2025-10-01T10:00:00Z') }),
  record('r10', { exit: exit('moved-away', '2025-10-01T10:00:00Z') }),
];

describe('time to work', () => {
  const observations = timeToWorkObservations(records, AS_OF);
  const summary = observations.map((item) => [item.participantId, item.time, item.cause, item.exitType, item.endOn]);

  it('ends at the first in-work or job outcome, a competing exit, or a censoring', () => {
    expect(summary).toEqual([
      ['r1', 60, 'event', null, '2025-05-12'],
      ['r2', 30, 'competing', 'disengaged', '2025-04-12'],
      // Found in work after withdrawing: the withdrawal came first.
      ['r3', 40, 'competing', 'withdrew', '2025-04-22'],
      // In work by the day they disengaged: work came first.
      ['r4', 30, 'event', 'work', '2025-04-12'],
      // Follow-up goes on after a completed plan: censored at the 12-week checkpoint that found them off sick.
      ['r5', 84, 'censored', 'other', '2025-06-05'],
      ['r6', 84, 'event', 'other', '2025-06-05'],
      ['r7', 180, 'censored', null, '2025-09-09'],
      // Nothing after the as-of date is seen; r8 never started.
      ['r9', 180, 'censored', null, '2025-09-09'],
      ['r10', 180, 'censored', null, '2025-09-09'],
    ]);
    expect(observations[0]).toMatchObject({
      siteId: 'site-01',
      startMonth: '2025-03',
      startedOn: '2025-03-13',
      referralSource: 'gp',
      primaryHealthBarrier: 'mental-health',
      event: true,
    });
  });

  it('gives the cumulative incidences worked by hand', () => {
    // t=30: n=9, one of each: 1/9 and 1/9, S=7/9. t=40: n=7, competing += 7/9 * 1/7. t=60: n=6, event += 6/9 * 1/6.
    // t=84: n=5, event += 5/9 * 1/5, one censored. t=180: three censored.
    const last = cumulativeIncidence(observations).at(-1);
    expect(last?.eventIncidence).toBeCloseTo(3 / 9, 12);
    expect(last?.competingIncidence).toBeCloseTo(2 / 9, 12);
    expect(last?.survival).toBeCloseTo(4 / 9, 12);
  });
});
