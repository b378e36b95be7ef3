import type { SiteSchedule } from '@workwell/domain';
import type { Actor, JourneyCommand, JourneyCommandOfType, JourneyCommandType } from '@workwell/domain';
import type { SealedPersonalData } from '@workwell/domain';
import { DAY_MS, MINUTE_MS, toIsoInstant, toMillis } from '@workwell/domain';
import type { JourneyRates } from './generator.options';
import type { Random } from './seeded.prng';

export const HOUR_MS = 60 * MINUTE_MS;

/** What one participant's timeline is built with: their random stream, their coach, and a clock that moves forward. */
export interface Timeline {
  readonly random: Random;
  readonly rates: JourneyRates;
  readonly participantId: string;
  readonly siteId: string;
  readonly coach: Actor;
  readonly schedule: SiteSchedule;
  readonly seal: (plaintext: string) => SealedPersonalData;
  /** Business time of the next step, epoch millis. */
  at: number;
  /** When the last in-line entry was recorded: entries are recorded in the order they happen. */
  lastRecorded: number;
  readonly commands: JourneyCommand[];
  /** Corrections whose `correctedVersion` is only known once the commands are in recording order. */
  readonly corrections: Map<JourneyCommand, JourneyCommand>;
}

export const iso = toIsoInstant;

/** Moves the timeline on by a number of days, landing within office hours. */
export const advanceDays = (timeline: Timeline, min: number, max: number): number => {
  const day = Math.floor(timeline.at / DAY_MS) + timeline.random.int(min, max);
  timeline.at = Math.max(timeline.at + MINUTE_MS, day * DAY_MS + timeline.random.int(8 * 60, 16 * 60) * MINUTE_MS);
  return timeline.at;
};

export const advanceMinutes = (timeline: Timeline, min: number, max: number): number => {
  timeline.at += timeline.random.int(min, max) * MINUTE_MS;
  return timeline.at;
};

type DataOf<T extends JourneyCommandType> = JourneyCommandOfType<T>['data'];

export interface RecordOptions {
  /** Recorded this many days after it happened (a catch-up entry). */
  readonly lateDays?: number;
  /** Recorded at exactly this time (epoch millis). */
  readonly recordedAt?: number;
  readonly actor?: Actor;
}

/**
 * Adds a command happening at `data.occurredAt`. In-line entries are recorded minutes later and
 * in the order they happen, so each finds what it depends on already recorded; late entries
 * (`lateDays`, `recordedAt`, or dated ahead of the timeline) do not hold the others back.
 */
export const record = <T extends JourneyCommandType>(
  timeline: Timeline,
  type: T,
  data: DataOf<T>,
  options: RecordOptions = {},
): JourneyCommandOfType<T> => {
  const occurredAt = toMillis(data.occurredAt);
  const { lateDays = 0, recordedAt, actor = timeline.coach } = options;
  const inLine = recordedAt === undefined && lateDays === 0 && occurredAt <= timeline.at;
  let now =
    recordedAt ??
    occurredAt + (lateDays > 0 ? lateDays * DAY_MS + timeline.random.int(0, 8 * 60) * MINUTE_MS : timeline.random.int(1, 45) * MINUTE_MS);
  if (inLine) {
    now = Math.max(now, timeline.lastRecorded + MINUTE_MS);
    timeline.lastRecorded = now;
  }
  const command = {
    type,
    data,
    context: {
      participantId: timeline.participantId,
      actor,
      now: iso(now),
      correlationId: timeline.random.uuid(),
      causationId: null,
      idempotencyKey: timeline.random.uuid(),
      siteSchedule: timeline.schedule,
    },
  } as JourneyCommandOfType<T>;
  timeline.commands.push(command);
  return command;
};

/** Some entries are caught up on weeks later: how late, in days (0 when on time). */
export const lateness = (timeline: Timeline): number =>
  timeline.random.chance(timeline.rates.lateRecording) ? timeline.random.int(7, 42) : 0;
