import type { SiteSchedule } from '../calendar/follow-up.schedule';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { Checkpoint } from '../journey/exit.events';
import { dayNumberOf, toMillis } from '../shared/iso-time.values';
import type { EpisodeFacts, OutcomeFact } from './episode-facts.evolve';
import type { CheckpointStatus, OutcomeRecord, WorkOutcome } from './outcome-record.types';
import { exitTypeOf, workOutcomeKindOf } from './work-outcome.rules';

type Outcome = OutcomeFact;

export const statusOf = (outcome: Outcome): CheckpointStatus =>
  outcome.data.result.reached ? outcome.data.result.employmentStatus.code : 'not-reached';

/** Each checkpoint's latest outcome: the decider allows one, so a later one is a correction's successor. */
export const latestByCheckpoint = (outcomes: readonly Outcome[]): Map<Checkpoint, Outcome> => {
  const latest = new Map<Checkpoint, Outcome>();
  for (const outcome of outcomes) latest.set(outcome.data.checkpoint.code, outcome);
  return latest;
};

/** The earliest in-work or job outcome at any checkpoint, from the start on when there is one. */
export const firstWorkOutcome = (facts: EpisodeFacts): WorkOutcome | null => {
  const startedAt = facts.start === null ? null : toMillis(facts.start.occurredAt);
  let first: Outcome | null = null;
  for (const outcome of facts.outcomes) {
    const at = toMillis(outcome.data.occurredAt);
    if (!outcome.data.result.reached || workOutcomeKindOf(outcome.data.result.employmentStatus.code) === null) continue;
    if (startedAt !== null && at < startedAt) continue;
    if (first === null || at < toMillis(first.data.occurredAt)) first = outcome;
  }
  if (first === null || !first.data.result.reached) return null;
  const status = first.data.result.employmentStatus.code;
  const startDay = facts.start === null ? null : dayNumberOf(londonDateOf(facts.start.occurredAt));
  return {
    kind: workOutcomeKindOf(status) ?? 'in-work',
    status,
    checkpoint: first.data.checkpoint.code,
    observedAt: first.data.occurredAt,
    recordedAt: first.recordedAt,
    daysFromStart: startDay === null ? null : dayNumberOf(londonDateOf(first.data.occurredAt)) - startDay,
  };
};

/** Unmeasurable (null) before a start or where the site does not follow up at both 12 and 26 weeks, so such sites do not count as failures. */
export const sustainedOf = (facts: EpisodeFacts, schedule: SiteSchedule): boolean | null => {
  const scheduled = schedule.checkpoints.map((item) => item.checkpoint);
  if (facts.start === null || !scheduled.includes('12-weeks') || !scheduled.includes('26-weeks')) return null;
  const latest = latestByCheckpoint(facts.outcomes);
  const inWork = (checkpoint: Checkpoint) => {
    const outcome = latest.get(checkpoint);
    return outcome !== undefined && workOutcomeKindOf(statusOf(outcome)) !== null;
  };
  return inWork('12-weeks') && inWork('26-weeks');
};

/** The last discharge, unless a re-engagement reopened the episode; its discharge outcome is the one recorded after it. */
export const exitOf = (facts: EpisodeFacts, work: WorkOutcome | null): OutcomeRecord['exit'] => {
  if (facts.discharge === null || facts.open) return null;
  const { data, version } = facts.discharge;
  const atDischarge = facts.outcomes.filter((outcome) => outcome.data.checkpoint.code === 'discharge' && outcome.version > version).at(-1);
  return {
    dischargedAt: data.occurredAt,
    reason: data.reason.code,
    type: exitTypeOf(data.reason.code, work !== null && toMillis(work.observedAt) <= toMillis(data.occurredAt)),
    statusAtDischarge: atDischarge === undefined ? null : statusOf(atDischarge),
  };
};
