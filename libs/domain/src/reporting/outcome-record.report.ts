import { type FollowUp, followUpsAsOf, type SiteSchedule } from '../calendar/follow-up.schedule';
import type { SiteRegistry } from '../sites/site-configuration.types';
import { episodeScheduleOf } from '../sites/episode-schedule';
import { cohortOf, EMPTY_SITE_REGISTRY, localityOf, siteConfigurationOn, vanguardOf } from '../sites/site-registry';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import type { Coded } from '../code-lists/code-list.types';
import type { RecordedJourneyEvent } from '../journey/journey.metadata';
import { type IsoInstant, toMillis } from '../shared/iso-time.values';
import { type EpisodeFacts, episodeFactsOf, scoreOf } from './episode-facts.evolve';
import { exitOf, firstWorkOutcome, latestByCheckpoint, statusOf, sustainedOf } from './episode-outcome.rules';
import type { CheckpointRecord, OutcomeRecord } from './outcome-record.types';
import { financialQuarterOf, monthOf, quarterOf } from './reporting-period.values';
import { isOutOfWork } from './work-outcome.rules';

export interface OutcomeRecordOptions {
  /** The sites' configurations (as known at the point the records describe); none: every site the national 12/26/52 weeks. */
  readonly sites?: SiteRegistry;
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
      wellbeing: result?.reached && result.wellbeing ? scoreOf([result.wellbeing]) : null,
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

/**
 * The record of one episode. The site's configuration as in force on the referral's day gives
 * its cohort and locality; as on the start's day, its follow-up schedule.
 */
export const toOutcomeRecord = (facts: EpisodeFacts, sites: SiteRegistry, asOf: IsoInstant): OutcomeRecord => {
  const referral = facts.referral.data;
  const referredOn = londonDateOf(referral.occurredAt);
  const startedOn = facts.start === null ? null : londonDateOf(facts.start.occurredAt);
  const schedule: SiteSchedule = episodeScheduleOf(sites, { siteId: referral.siteId, referredAt: referral.occurredAt, start: facts.start });
  const configuration = siteConfigurationOn(sites, referral.siteId, referredOn);
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
    vanguard: vanguardOf(sites, referral.siteId, referredOn),
    locality: localityOf(configuration, facts.referral.recordedBy),
    deliveryOrganisation: facts.referral.recordedBy ?? 'unknown',
    cohort: cohortOf(configuration, {
      employmentStatusAtReferral: referral.employmentAtReferral.status.code,
      referralSource: referral.referralSource.code,
      primaryHealthBarrier: facts.assessment?.primaryHealthBarrier.code ?? null,
      fitNoteHeld: referral.employmentAtReferral.fitNoteHeld,
      ageBand: ageBand.code,
    }),
    referredAt: referral.occurredAt,
    referralMonth: monthOf(referredOn),
    referralQuarter: quarterOf(referredOn),
    referralFinancialQuarter: financialQuarterOf(referredOn),
    referralSource: referral.referralSource.code,
    referringOrganisation: referral.referringOrganisation ?? 'not-recorded',
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
    startFinancialQuarter: startedOn === null ? null : financialQuarterOf(startedOn),
    planType: facts.start?.planType.code ?? null,
    signedPlanOn: facts.start?.signedByParticipantOn ?? null,
    signedPlanWithin20WorkingDays: standardMet(followUps.find((item) => item.kind === 'signed-plan')),
    primaryHealthBarrier: facts.assessment?.primaryHealthBarrier.code ?? null,
    primaryNonHealthBarrier: facts.assessment?.primaryNonHealthBarrier?.code ?? null,
    baselineWellbeing: facts.assessment?.baselineWellbeing ?? null,
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
      records.push(toOutcomeRecord(facts, options.sites ?? EMPTY_SITE_REGISTRY, asOf));
    }
  }
  return records;
};

/** Every `list@version` the records' coded values came from, for an extract's manifest. */
export const codeListVersionsUsed = (records: readonly OutcomeRecord[]): string[] =>
  [...new Set(records.flatMap((record) => record.codeLists))].sort();
