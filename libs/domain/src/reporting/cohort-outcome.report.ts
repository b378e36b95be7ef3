import { CHECKPOINTS } from '../code-lists/outcome.code-lists';
import type { Checkpoint } from '../journey/exit.events';
import type { IsoDate } from '../shared/iso-time.values';
import type { CohortOutcomes } from './evaluation-row.types';
import type { OutcomeRecord } from './outcome-record.types';
import { ratio } from './ratio.values';
import { workOutcomeKindOf } from './work-outcome.rules';

interface CheckpointTally {
  starts: number;
  due: number;
  reached: number;
  lost: number;
  inWork: number;
  job: number;
  inWorkOrJobBy: number;
}

/** Running counts for one start cohort (one site or the nation, one period). */
export interface CohortTally {
  starts: number;
  readonly checkpoints: Map<Checkpoint, CheckpointTally>;
  sustained: number;
  sustainedApplicable: number;
  anyWorkOutcome: number;
}

const order = (checkpoint: Checkpoint): number => CHECKPOINTS.codes.indexOf(checkpoint);

export const newCohortTally = (): CohortTally => ({
  starts: 0,
  checkpoints: new Map(),
  sustained: 0,
  sustainedApplicable: 0,
  anyWorkOutcome: 0,
});

/**
 * Adds a started record to its start cohort; each checkpoint counts among the starts whose site
 * follows it. `asOfDay` is the London date of the record's `asOf`, worked out once by the caller.
 */
export const addToCohort = (tally: CohortTally, record: OutcomeRecord, asOfDay: IsoDate): void => {
  tally.starts += 1;
  if (record.firstWorkOutcome !== null) tally.anyWorkOutcome += 1;
  if (record.sustained !== null) {
    tally.sustainedApplicable += 1;
    if (record.sustained) tally.sustained += 1;
  }
  let workedSoFar = false;
  for (const checkpoint of [...record.checkpoints].sort((a, b) => order(a.checkpoint) - order(b.checkpoint))) {
    const counts = tally.checkpoints.get(checkpoint.checkpoint) ?? {
      starts: 0,
      due: 0,
      reached: 0,
      lost: 0,
      inWork: 0,
      job: 0,
      inWorkOrJobBy: 0,
    };
    tally.checkpoints.set(checkpoint.checkpoint, counts);
    const kind = workOutcomeKindOf(checkpoint.status);
    workedSoFar ||= kind !== null;
    counts.starts += 1;
    if (checkpoint.dueOn !== null && checkpoint.dueOn <= asOfDay) counts.due += 1;
    if (checkpoint.status !== null && checkpoint.status !== 'not-reached') counts.reached += 1;
    if (checkpoint.lostToFollowUp) counts.lost += 1;
    if (kind === 'in-work') counts.inWork += 1;
    if (kind === 'job') counts.job += 1;
    if (workedSoFar) counts.inWorkOrJobBy += 1;
  }
};

/** Adds one cohort's counts into another's: tallies of separate sets of records add up to the tally of them all. */
export const mergeCohortTally = (into: CohortTally, from: CohortTally): void => {
  into.starts += from.starts;
  into.sustained += from.sustained;
  into.sustainedApplicable += from.sustainedApplicable;
  into.anyWorkOutcome += from.anyWorkOutcome;
  for (const [checkpoint, counts] of from.checkpoints) {
    const target = into.checkpoints.get(checkpoint);
    if (target === undefined) into.checkpoints.set(checkpoint, { ...counts });
    else for (const key of Object.keys(counts) as (keyof CheckpointTally)[]) target[key] += counts[key];
  }
};

export const cohortOutcomes = (tally: CohortTally): CohortOutcomes => ({
  starts: tally.starts,
  checkpoints: [...tally.checkpoints]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([checkpoint, counts]) => ({
      checkpoint,
      starts: counts.starts,
      due: counts.due,
      reached: counts.reached,
      lostToFollowUp: counts.lost,
      inWork: ratio(counts.inWork, counts.starts),
      job: ratio(counts.job, counts.starts),
      inWorkOrJobByCheckpoint: ratio(counts.inWorkOrJobBy, counts.starts),
    })),
  sustained: ratio(tally.sustained, tally.sustainedApplicable),
  anyWorkOutcome: ratio(tally.anyWorkOutcome, tally.starts),
});
