import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { dayNumberOf, type IsoDate, type IsoInstant, toMillis } from '../shared/iso-time.values';
import type { CompetingRiskCause } from './cumulative-incidence.statistics';
import type { OutcomeRecord } from './outcome-record.types';
import { type ExitType, exitTypeOf, isCompetingExit } from './work-outcome.rules';

/** One started episode's time to work, fit for both `kaplanMeier` and `cumulativeIncidence`. */
export interface TimeToWorkObservation {
  readonly participantId: string;
  readonly episode: number;
  readonly siteId: string;
  readonly startMonth: string;
  readonly referralSource: string;
  readonly primaryHealthBarrier: string | null;
  readonly startedOn: IsoDate;
  /** The day of the event, the competing exit, or the censoring. */
  readonly endOn: IsoDate;
  /** London calendar days from `startedOn` to `endOn`. */
  readonly time: number;
  readonly event: boolean;
  readonly cause: CompetingRiskCause;
  /** How the episode ended as known on the as-of date; null while it is open. */
  readonly exitType: ExitType | null;
}

const laterOf = (a: IsoInstant, b: IsoInstant): IsoInstant => (toMillis(b) > toMillis(a) ? b : a);

/** The last time the participant's status was known after their discharge: a reached checkpoint, or the discharge itself. */
const lastSeenAfter = (record: OutcomeRecord, dischargedAt: IsoInstant, asOf: number): IsoInstant =>
  record.checkpoints.reduce(
    (seen, checkpoint) =>
      checkpoint.observedAt !== null && checkpoint.status !== 'not-reached' && toMillis(checkpoint.observedAt) <= asOf
        ? laterOf(seen, checkpoint.observedAt)
        : seen,
    dischargedAt,
  );

/**
 * Time from the start to the first in-work or job outcome. Whichever comes first of that outcome
 * and a competing exit (withdrew, moved away, disengaged) decides; follow-up goes on after other
 * exits, so those are censored at the last follow-up that found the participant, or at their
 * discharge; open episodes are censored at `asOf`. Nothing after `asOf` is seen. Null for an
 * episode that had not started by `asOf`.
 */
export const timeToWorkOf = (record: OutcomeRecord, asOf: IsoInstant, asOfMillis = toMillis(asOf)): TimeToWorkObservation | null => {
  if (record.startedAt === null || record.startMonth === null || toMillis(record.startedAt) > asOfMillis) return null;
  const work =
    record.firstWorkOutcome !== null && toMillis(record.firstWorkOutcome.observedAt) <= asOfMillis ? record.firstWorkOutcome : null;
  const exit = record.exit !== null && toMillis(record.exit.dischargedAt) <= asOfMillis ? record.exit : null;
  const workFirst = work !== null && (exit === null || toMillis(work.observedAt) <= toMillis(exit.dischargedAt));
  const competing = exit !== null && isCompetingExit(exit.reason);
  let cause: CompetingRiskCause;
  let end: IsoInstant;
  if (work !== null && (workFirst || !competing)) [cause, end] = ['event', work.observedAt];
  else if (exit !== null && competing) [cause, end] = ['competing', exit.dischargedAt];
  else if (exit !== null) [cause, end] = ['censored', lastSeenAfter(record, exit.dischargedAt, asOfMillis)];
  else [cause, end] = ['censored', asOf];
  const startedOn = londonDateOf(record.startedAt);
  const endOn = londonDateOf(end);
  return {
    participantId: record.participantId,
    episode: record.episode,
    siteId: record.siteId,
    startMonth: record.startMonth,
    referralSource: record.referralSource,
    primaryHealthBarrier: record.primaryHealthBarrier,
    startedOn,
    endOn,
    time: Math.max(0, dayNumberOf(endOn) - dayNumberOf(startedOn)),
    event: cause === 'event',
    cause,
    exitType: exit === null ? null : exitTypeOf(exit.reason, workFirst),
  };
};

/** `timeToWorkOf` for every started episode. */
export const timeToWorkObservations = (records: readonly OutcomeRecord[], asOf: IsoInstant): TimeToWorkObservation[] => {
  const asOfMillis = toMillis(asOf);
  return records.flatMap((record) => timeToWorkOf(record, asOf, asOfMillis) ?? []);
};
