import { DEFAULT_SITE_SCHEDULE } from '@workwell/domain';
import type { JourneyCommand } from '@workwell/domain';
import { decide } from '@workwell/domain';
import { evolve } from '@workwell/domain';
import { initialState } from '@workwell/domain';
import { DAY_MS, MINUTE_MS, toMillis } from '@workwell/domain';
import {
  DEFAULT_EMPLOYMENT_AT_REFERRAL,
  DEFAULT_PRIMARY_BARRIERS,
  DEFAULT_RATES,
  DEFAULT_REFERRAL_SOURCES,
  type JourneyGeneratorOptions,
} from './generator.options';
import { discharge, erase, followUp, reEngage } from './exit.timeline';
import { firstAppointmentAndAssessment, makeContact, refer, triage } from './referral.timeline';
import { createRandom, mixSeed } from './seeded.prng';
import { agreePlan, coach, drawSupport } from './support.timeline';
import { iso, record, type Timeline } from './timeline.recorder';
import { coded } from '@workwell/domain';
import { DISCHARGE_REASONS } from '@workwell/domain';

export interface GeneratedJourney {
  /** The participant's number in the run: `generateJourney(options, index)` gives it back alone. */
  readonly index: number;
  readonly participantId: string;
  readonly siteId: string;
  /** In recording order (`context.now`), ready for `decide`. */
  readonly commands: readonly JourneyCommand[];
}

export const siteIdsOf = (sites: JourneyGeneratorOptions['sites'] = 15): readonly string[] =>
  typeof sites === 'number' ? Array.from({ length: sites }, (_, i) => `site-${String(i + 1).padStart(2, '0')}`) : sites;

/** Stable: entries recorded in the same millisecond keep the order they happened in. */
const inRecordingOrder = (commands: readonly JourneyCommand[], asOf: number): JourneyCommand[] =>
  commands
    .map((command) => ({ command, at: toMillis(command.context.now) }))
    .filter((entry) => entry.at <= asOf)
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.command);

/** Corrections point at stream versions, which are only known once the commands run in recording order. */
const resolveCorrections = (
  commands: readonly JourneyCommand[],
  corrections: ReadonlyMap<JourneyCommand, JourneyCommand>,
): JourneyCommand[] => {
  let state = initialState();
  const versionOf = new Map<JourneyCommand, number>();
  return commands.map((command) => {
    const target = corrections.get(command);
    const resolved =
      target === undefined || command.type !== 'CorrectEvent'
        ? command
        : { ...command, data: { ...command.data, correctedVersion: versionOf.get(target) ?? 0 } };
    const events = decide(resolved, state);
    for (const event of events) state = evolve(state, event);
    versionOf.set(command, state.version - events.length + 1);
    return resolved;
  });
};

/** One participant of a run, generated on its own from the run's seed and the participant's index. */
export const generateJourney = (options: JourneyGeneratorOptions, index: number): GeneratedJourney => {
  const random = createRandom(mixSeed(options.seed, index));
  const sites = siteIdsOf(options.sites);
  const siteNumber = random.int(0, sites.length - 1);
  const siteId = sites[siteNumber];
  const participantId = random.uuid();
  const referredDay = Math.floor(toMillis(options.startDate) / DAY_MS) + random.int(0, (options.referralPeriodDays ?? 540) - 1);
  const referredAt = referredDay * DAY_MS + random.int(8 * 60, 17 * 60) * MINUTE_MS;
  const timeline: Timeline = {
    random,
    rates: { ...DEFAULT_RATES, ...options.rates },
    participantId,
    siteId,
    coach: { userId: `coach-${siteNumber + 1}-${random.int(1, 6)}`, role: 'coach', organisation: `org-${siteId}`, site: siteId },
    schedule: options.siteSchedules?.[siteId] ?? DEFAULT_SITE_SCHEDULE,
    seal: (plaintext) => options.seal(participantId, plaintext),
    at: referredAt,
    lastRecorded: 0,
    commands: [],
    corrections: new Map(),
  };
  const mixes = {
    referralSources: options.referralSources ?? DEFAULT_REFERRAL_SOURCES,
    employmentAtReferral: options.employmentAtReferral ?? DEFAULT_EMPLOYMENT_AT_REFERRAL,
    primaryBarriers: options.primaryBarriers ?? DEFAULT_PRIMARY_BARRIERS,
  };

  const referral = refer(timeline, mixes);
  if (!makeContact(timeline)) {
    timeline.at += random.int(5, 120) * MINUTE_MS;
    record(timeline, 'DischargeParticipant', { occurredAt: iso(timeline.at), reason: coded(DISCHARGE_REASONS, 'withdrew') });
  } else if (triage(timeline)) {
    firstAppointmentAndAssessment(timeline, referral, mixes);
    if (!random.chance(timeline.rates.conversion)) {
      discharge(timeline, referral.status, true);
    } else {
      const support = drawSupport(timeline, referral);
      const startedAt = agreePlan(timeline, referral, support);
      coach(timeline, support);
      discharge(timeline, referral.status, support.droppedOut);
      if (random.chance(timeline.rates.reEngagement)) reEngage(timeline, referral.status);
      followUp(timeline, startedAt, referral.status, support.droppedOut);
    }
  }
  if (random.chance(timeline.rates.erasure)) erase(timeline);

  const asOf = options.asOf === undefined ? Infinity : toMillis(options.asOf);
  const ordered = inRecordingOrder(timeline.commands, asOf);
  const commands = timeline.corrections.size === 0 ? ordered : resolveCorrections(ordered, timeline.corrections);
  return { index, participantId, siteId, commands };
};

/**
 * Realistic journeys for `participants` people across sites, one at a time so that a million of
 * them stream through without being held in memory. Pure: the same options give the same journeys.
 */
export function* generateJourneys(options: JourneyGeneratorOptions): Generator<GeneratedJourney, void, undefined> {
  for (let index = 0; index < options.participants; index += 1) yield generateJourney(options, index);
}
