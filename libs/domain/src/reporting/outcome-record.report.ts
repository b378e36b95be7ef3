import { DEFAULT_SITE_SCHEDULE, type FollowUp, followUpsAsOf, type SiteSchedule } from '../calendar/follow-up.schedule';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { Coded } from '../code-lists/code-list.types';
import type { RecordedJourneyEvent } from '../journey/journey.metadata';
import { type IsoInstant, toMillis } from '../shared/iso-time.values';
import { type EpisodeFacts, episodeFactsOf } from './episode-facts.evolve';
import { exitOf, firstWorkOutcome, latestByCheckpoint, statusOf, sustainedOf } from './episode-outcome.rules';
import type { CheckpointRecord, OutcomeRecord } from './outcome-record.types';
import { monthOf, quarterOf } from './reporting-period.values';
import { isOutOfWork } from './work-outcome.rules';

export interface OutcomeRecordOptions {
  /** The schedule of sites without one of their own; the national 12/26/52 weeks by default. */
  readonly schedule?: SiteSchedule;
  readonly siteSchedules?: Readonly<Record<string, SiteSchedule>>;
  /**
   * When lost to follow-up and the service standards are judged. By default the latest
   * `recordedAt` among the events given, so that the records depend on the events alone.
   */
  readonly asOf?: IsoInstant;
}

const standardMet = (followUp: FollowUp | undefined): boolean | null => {
  if (followUp === undefined || followUp.status === 'pending') return null;
  return followUp.status === 'met';
};

const checkpointRecords = (facts: EpisodeFacts, schedule: SiteSchedule, followUps: readonly FollowUp[]): CheckpointRecord[] => {
  const latest = latestByCheckpoint(facts.outcomes);
  return schedule.checkpoints.map(({ checkpoint }) => {
    const outcome = latest.get(checkpoint);
    const due = followUps.find((item) => item.kind === 'outcome' && item.checkpoint === checkpoint);
    const result = outcome?.data.result;
    return {
      checkpoint,
      dueOn: due?.dueOn ?? null,
      status: outcome === undefined ? null : statusOf(outcome),
      hoursPerWeek: result?.reached ? (result.hoursPerWeek ?? null) : null,
      observedAt: outcome?.data.occurredAt ?? null,
      recordedAt: outcome?.recordedAt ?? null,
      lostToFollowUp: due?.lostToFollowUp ?? false,
    };
  });
};

const codeListsOf = (facts: EpisodeFacts): string[] => {
  const { referralSource, employmentAtReferral, demographics } = facts.referral.data;
  const coded: (Coded | undefined)[] = [
    referralSource,
    employmentAtReferral.status,
    ...Object.values(demographics),
    facts.triage?.decision,
    facts.firstAppointment?.employmentStatus,
    facts.start?.planType,
    facts.assessment?.primaryHealthBarrier,
    ...facts.onwardServices,
    facts.discharge?.data.reason,
  ];
  for (const outcome of facts.outcomes) {
    coded.push(outcome.data.checkpoint);
    if (outcome.data.result.reached) coded.push(outcome.data.result.employmentStatus);
  }
  return [...new Set(coded.flatMap((value) => (value === undefined ? [] : [`${value.list}@${value.version}`])))].sort();
};

const countBy = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

export const toOutcomeRecord = (facts: EpisodeFacts, schedule: SiteSchedule, asOf: IsoInstant): OutcomeRecord => {
  const referral = facts.referral.data;
  const referredOn = londonDateOf(referral.occurredAt);
  const startedOn = facts.start === null ? null : londonDateOf(facts.start.occurredAt);
  const followUps = followUpsAsOf(
    {
      referredAt: referral.occurredAt,
      firstContactAt: facts.firstContactAt,
      signedPlanOn: facts.start?.signedByParticipantOn ?? null,
      startedAt: facts.start?.occurredAt ?? null,
      recordedCheckpoints: Object.fromEntries(
        [...latestByCheckpoint(facts.outcomes)].map(([checkpoint, outcome]) => [
          checkpoint,
          outcome.data.result.reached ? 'reached' : 'not-reached',
        ]),
      ),
      closedWithoutStart: !facts.open && facts.start === null,
    },
    londonDateOf(asOf),
    schedule,
  );
  const checkpoints = checkpointRecords(facts, schedule, followUps);
  const work = firstWorkOutcome(facts);
  const exit = exitOf(facts, work);
  const { ageBand, sex, ethnicity, disability, imdDecile } = referral.demographics;
  return {
    participantId: facts.participantId,
    episode: facts.number,
    siteId: referral.siteId,
    referredAt: referral.occurredAt,
    referralMonth: monthOf(referredOn),
    referralQuarter: quarterOf(referredOn),
    referralSource: referral.referralSource.code,
    employmentStatusAtReferral: referral.employmentAtReferral.status.code,
    outOfWorkAtReferral: isOutOfWork(referral.employmentAtReferral.status.code),
    fitNoteHeld: referral.employmentAtReferral.fitNoteHeld,
    demographics: {
      ageBand: ageBand.code,
      sex: sex.code,
      ethnicity: ethnicity.code,
      disability: disability.code,
      imdDecile: imdDecile.code,
    },
    triageDecision: facts.triage?.decision.code ?? 'pending',
    firstContactAt: facts.firstContactAt,
    firstContactWithin2WorkingDays: standardMet(followUps.find((item) => item.kind === 'first-contact')),
    firstAppointmentAt: facts.firstAppointment?.occurredAt ?? null,
    employmentStatusAtFirstAppointment: facts.firstAppointment?.employmentStatus.code ?? null,
    startedAt: facts.start?.occurredAt ?? null,
    startMonth: startedOn === null ? null : monthOf(startedOn),
    startQuarter: startedOn === null ? null : quarterOf(startedOn),
    planType: facts.start?.planType.code ?? null,
    signedPlanOn: facts.start?.signedByParticipantOn ?? null,
    signedPlanWithin20WorkingDays: standardMet(followUps.find((item) => item.kind === 'signed-plan')),
    primaryHealthBarrier: facts.assessment?.primaryHealthBarrier.code ?? null,
    onwardReferrals: countBy(facts.onwardServices.map((service) => service.code)),
    employerLiaison: facts.employerLiaison,
    sharingsBlocked: facts.sharingsBlocked,
    checkpoints,
    firstWorkOutcome: work,
    sustained: sustainedOf(facts, schedule),
    exit,
    satisfaction: exit === null ? null : (facts.discharge?.data.satisfaction ?? null),
    erased: facts.erased,
    codeLists: codeListsOf(facts),
    asOf,
    lastPosition: facts.lastPosition,
    lastVersion: facts.lastVersion,
  };
};

const latestRecordedAt = (events: readonly RecordedJourneyEvent[]): IsoInstant =>
  events.reduce(
    (latest, event) => (toMillis(event.recordedAt) > toMillis(latest) ? event.recordedAt : latest),
    events[0]?.recordedAt ?? '1970-01-01T00:00:00.000Z',
  );

/**
 * One record per participant episode, ordered by participant and episode. The events are every
 * stored journey event known at some point (filter by `recordedAt` or position first for an
 * as-of view); each stream must be whole from its first event up to that point.
 */
export const outcomeRecords = (events: readonly RecordedJourneyEvent[], options: OutcomeRecordOptions = {}): OutcomeRecord[] => {
  const asOf = options.asOf ?? latestRecordedAt(events);
  const byStream = new Map<string, RecordedJourneyEvent[]>();
  for (const event of events) {
    const stream = byStream.get(event.streamId);
    if (stream === undefined) byStream.set(event.streamId, [event]);
    else stream.push(event);
  }
  const records: OutcomeRecord[] = [];
  for (const streamId of [...byStream.keys()].sort()) {
    for (const facts of episodeFactsOf(byStream.get(streamId) ?? [])) {
      const schedule = options.siteSchedules?.[facts.referral.data.siteId] ?? options.schedule ?? DEFAULT_SITE_SCHEDULE;
      records.push(toOutcomeRecord(facts, schedule, asOf));
    }
  }
  return records;
};

/** Every `list@version` the records' coded values came from, for an extract's manifest. */
export const codeListVersionsUsed = (records: readonly OutcomeRecord[]): string[] =>
  [...new Set(records.flatMap((record) => record.codeLists))].sort();
