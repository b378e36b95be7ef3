import { checkpointDueDates } from '@workwell/domain';
import { coded } from '@workwell/domain';
import * as lists from '@workwell/domain';
import type { Checkpoint, OutcomeEmploymentStatus, OutcomeNotReached, OutcomeReached } from '@workwell/domain';
import type { EmploymentStatus } from '@workwell/domain';
import { DAY_MS, toMillis } from '@workwell/domain';
import { wellbeingMeasure } from './referral.timeline';
import type { Weights } from './seeded.prng';
import { advanceDays, iso, lateness, record, type Timeline } from './timeline.recorder';

const OUTCOMES_BY_STATUS_AT_REFERRAL: Readonly<Record<EmploymentStatus, Weights<OutcomeEmploymentStatus>>> = {
  'employed-working': { 'remained-in-work': 80, 'off-sick': 8, 'new-employment': 5, 'unemployed-seeking': 4, 'economically-inactive': 3 },
  'employed-off-sick': { 'returned-to-work': 55, 'off-sick': 25, 'new-employment': 6, 'unemployed-seeking': 7, 'economically-inactive': 7 },
  'self-employed': { 'self-employed': 75, 'new-employment': 5, 'off-sick': 10, 'unemployed-seeking': 5, 'economically-inactive': 5 },
  unemployed: {
    'new-employment': 25,
    'self-employed': 4,
    'unemployed-seeking': 45,
    'education-training': 8,
    volunteering: 6,
    'economically-inactive': 12,
  },
  'economically-inactive': {
    'new-employment': 12,
    'education-training': 12,
    volunteering: 10,
    'unemployed-seeking': 20,
    'economically-inactive': 46,
  },
};

const IN_WORK: readonly OutcomeEmploymentStatus[] = ['remained-in-work', 'returned-to-work', 'new-employment', 'self-employed'];

const result = (timeline: Timeline, statusAtReferral: EmploymentStatus, unreachable: number): OutcomeReached | OutcomeNotReached => {
  const { random } = timeline;
  if (random.chance(unreachable)) return { reached: false, attempts: random.int(2, 5) };
  const status = random.weighted(OUTCOMES_BY_STATUS_AT_REFERRAL[statusAtReferral]);
  return {
    reached: true,
    employmentStatus: coded(lists.OUTCOME_EMPLOYMENT_STATUSES, status),
    hoursPerWeek: IN_WORK.includes(status) ? random.int(8, 45) : null,
    ...(random.chance(0.5) ? { wellbeing: wellbeingMeasure(timeline, 1) } : {}),
    source: coded(lists.OUTCOME_SOURCES, random.weighted({ participant: 80, records: 12, employer: 8 })),
  };
};

/** Discharge outcomes are recorded with the discharge; checkpoint outcomes whenever the follow-up call happens, often late. */
const outcomeAt = (timeline: Timeline, checkpoint: Checkpoint, at: number, statusAtReferral: EmploymentStatus, unreachable: number) => {
  const data = {
    occurredAt: iso(at),
    checkpoint: coded(lists.CHECKPOINTS, checkpoint),
    result: result(timeline, statusAtReferral, unreachable),
  };
  if (checkpoint === 'discharge') return record(timeline, 'RecordOutcome', data);
  const delay = lateness(timeline) * DAY_MS + timeline.random.int(5, 8 * 60) * 60_000;
  return record(timeline, 'RecordOutcome', data, { recordedAt: at + delay });
};

export const discharge = (timeline: Timeline, statusAtReferral: EmploymentStatus, droppedOut: boolean): void => {
  const { random } = timeline;
  advanceDays(timeline, 1, 14);
  const reason = droppedOut ? 'disengaged' : random.weighted({ 'plan-completed': 85, 'referred-on': 8, 'moved-away': 3, withdrew: 4 });
  const rated = !droppedOut && random.chance(timeline.rates.satisfactionGiven);
  record(timeline, 'DischargeParticipant', {
    occurredAt: iso(timeline.at),
    reason: coded(lists.DISCHARGE_REASONS, reason),
    ...(rated ? { satisfaction: Number(random.weighted({ 5: 45, 4: 35, 3: 12, 2: 5, 1: 3 })) } : {}),
  });
  outcomeAt(timeline, 'discharge', timeline.at, statusAtReferral, droppedOut ? 0.6 : timeline.rates.couldNotBeReached / 3);
};

/** Outcomes at the site's checkpoints after the start; a few recorded wrongly, corrected and recorded again. */
export const followUp = (timeline: Timeline, startedAt: number, statusAtReferral: EmploymentStatus, droppedOut: boolean): void => {
  const { random, rates } = timeline;
  const unreachable = droppedOut ? 0.45 : rates.couldNotBeReached;
  for (const { checkpoint, dueOn } of checkpointDueDates(iso(startedAt), timeline.schedule)) {
    const at = toMillis(dueOn) + random.int(-3, 10) * DAY_MS + random.int(9 * 60, 16 * 60) * 60_000;
    const first = outcomeAt(timeline, checkpoint, Math.max(at, startedAt + DAY_MS), statusAtReferral, unreachable);
    if (!random.chance(rates.correction)) continue;
    const correctedAt = toMillis(first.context.now) + random.int(1, 10) * DAY_MS;
    const correction = record(
      timeline,
      'CorrectEvent',
      {
        occurredAt: iso(correctedAt),
        correctedVersion: 0,
        correctedType: 'OutcomeRecorded',
        reasonCode: coded(lists.CORRECTION_REASONS, random.weighted({ 'wrong-value': 60, 'wrong-date': 30, duplicate: 10 })),
      },
      { recordedAt: correctedAt + random.int(1, 30) * 60_000 },
    );
    timeline.corrections.set(correction, first);
    record(
      timeline,
      'RecordOutcome',
      { ...first.data, result: result(timeline, statusAtReferral, 0) },
      { recordedAt: toMillis(correction.context.now) + random.int(1, 30) * 60_000 },
    );
  }
};

export const reEngage = (timeline: Timeline, statusAtReferral: EmploymentStatus): void => {
  const { random } = timeline;
  advanceDays(timeline, 20, 60);
  record(timeline, 'ReEngageParticipant', { occurredAt: iso(timeline.at) });
  for (let i = random.int(1, 3); i > 0; i -= 1) {
    advanceDays(timeline, 7, 14);
    record(timeline, 'RecordCoachingSession', {
      occurredAt: iso(timeline.at),
      mode: coded(lists.SESSION_MODES, 'phone'),
      durationMinutes: random.int(6, 12) * 5,
    });
  }
  discharge(timeline, statusAtReferral, false);
};

/** Erasure comes after everything else was recorded: it closes the stream for good. */
export const erase = (timeline: Timeline): void => {
  const lastRecorded = Math.max(...timeline.commands.map((command) => toMillis(command.context.now)));
  const occurredAt = lastRecorded + timeline.random.int(30, 200) * DAY_MS;
  const actor = { ...timeline.coach, userId: 'ig-admin-1', role: 'admin' as const };
  record(
    timeline,
    'EraseParticipant',
    { occurredAt: iso(occurredAt), reasonCode: coded(lists.ERASURE_REASONS, 'erasure-request') },
    { actor, recordedAt: occurredAt + 60_000 },
  );
};
