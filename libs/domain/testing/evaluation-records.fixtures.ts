import type { CheckpointRecord, CheckpointStatus, OutcomeRecord } from '../src/reporting/outcome-record.types';
import { outcomeRecords } from '../src/reporting/outcome-record.report';
import type { evaluationReport } from '../src/reporting/evaluation.report';
import { monthOf, quarterOf } from '../src/reporting/reporting-period.values';
import { PARTICIPANT_ID, started } from './journey.fixtures';
import { storedEvents } from './reporting.fixtures';

/** Hand-made outcome records for the report tests: one real record, varied field by field. */
export const [base] = outcomeRecords(storedEvents({ participantId: PARTICIPANT_ID, commands: started() }), {
  asOf: '2025-12-31T12:00:00Z',
});

export const checkpoint = (
  name: CheckpointRecord['checkpoint'],
  dueOn: string,
  status: CheckpointStatus | null,
  lostIfNothing = false,
): CheckpointRecord => ({
  checkpoint: name,
  dueOn,
  status,
  hoursPerWeek: null,
  wellbeing: null,
  observedAt: status === null ? null : `${dueOn}T10:00:00.000Z`,
  recordedAt: status === null ? null : `${dueOn}T10:00:00.000Z`,
  lostToFollowUp: status === 'not-reached' || (status === null && lostIfNothing),
});

/** A record referred and perhaps started on the given days, with its 12 and 26 week statuses (left out: lost to follow-up). */
export const record = (
  participantId: string,
  referredOn: string,
  startedOn: string | null,
  at: { readonly twelve?: CheckpointStatus | null; readonly twentySix?: CheckpointStatus | null } = {},
  overrides: Partial<OutcomeRecord> = {},
): OutcomeRecord => ({
  ...base,
  participantId,
  referredAt: `${referredOn}T10:00:00.000Z`,
  referralMonth: monthOf(referredOn),
  referralQuarter: quarterOf(referredOn),
  startedAt: startedOn === null ? null : `${startedOn}T10:00:00.000Z`,
  startMonth: startedOn === null ? null : monthOf(startedOn),
  startQuarter: startedOn === null ? null : quarterOf(startedOn),
  checkpoints:
    startedOn === null
      ? []
      : [
          checkpoint('12-weeks', '2025-12-01', at.twelve ?? null, at.twelve === undefined),
          checkpoint('26-weeks', '2025-12-01', at.twentySix ?? null, at.twentySix === undefined),
        ],
  sustained:
    startedOn === null
      ? null
      : (at.twelve === 'returned-to-work' || at.twelve === 'new-employment') &&
        (at.twentySix === 'returned-to-work' || at.twentySix === 'new-employment'),
  firstWorkOutcome: null,
  exit: null,
  satisfaction: null,
  ...overrides,
  vanguard: overrides.vanguard ?? overrides.siteId ?? base.vanguard,
});

export const row = (rows: ReturnType<typeof evaluationReport>, siteId: string, period: string) => {
  const found = rows.find((candidate) => candidate.siteId === siteId && candidate.period === period);
  if (found === undefined) throw new Error(`no row for ${siteId} ${period}`);
  return found;
};
