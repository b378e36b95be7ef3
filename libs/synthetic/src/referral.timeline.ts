import { londonDateOf } from '@workwell/domain';
import { coded } from '@workwell/domain';
import * as lists from '@workwell/domain';
import type { ConsentScope } from '@workwell/domain';
import type { EmploymentStatus, ReferralSource } from '@workwell/domain';
import type { HealthCondition } from '@workwell/domain';
import type { Weights } from './seeded.prng';
import { syntheticPerson } from './synthetic-people.generator';
import { advanceDays, advanceMinutes, HOUR_MS, iso, record, type Timeline } from './timeline.recorder';

export interface ReferralMixes {
  readonly referralSources: Weights<ReferralSource>;
  readonly employmentAtReferral: Weights<EmploymentStatus>;
  readonly primaryBarriers: Weights<HealthCondition>;
}

export interface Referral {
  readonly source: ReferralSource;
  readonly status: EmploymentStatus;
}

export const refer = (timeline: Timeline, mixes: ReferralMixes): Referral => {
  const { random } = timeline;
  const person = syntheticPerson(random, londonDateOf(iso(timeline.at)));
  const source = random.weighted(mixes.referralSources);
  const status = random.weighted(mixes.employmentAtReferral);
  record(timeline, 'ReferParticipant', {
    occurredAt: iso(timeline.at),
    siteId: timeline.siteId,
    referralSource: coded(lists.REFERRAL_SOURCES, source),
    employmentAtReferral: {
      status: coded(lists.EMPLOYMENT_STATUSES, status),
      fitNoteHeld: random.chance(status === 'employed-off-sick' ? 0.8 : 0.05),
    },
    contactPreference: coded(lists.CONTACT_PREFERENCES, random.weighted({ phone: 55, sms: 20, email: 20, post: 2, 'no-preference': 3 })),
    personalDetails: timeline.seal(JSON.stringify(person.details)),
    demographics: person.demographics,
  });
  return { source, status };
};

/** Contact attempts until someone answers; returns false when the participant declines the service. */
export const makeContact = (timeline: Timeline): boolean => {
  const { random } = timeline;
  timeline.at += random.between(1, 40) * HOUR_MS;
  const unanswered = random.weighted({ 0: 60, 1: 25, 2: 15 });
  const method = () => coded(lists.CONTACT_METHODS, random.weighted({ phone: 80, sms: 10, email: 10 }));
  for (let i = 0; i < Number(unanswered); i += 1) {
    record(timeline, 'RecordContactAttempt', {
      occurredAt: iso(timeline.at),
      method: method(),
      outcome: coded(lists.CONTACT_OUTCOMES, 'no-answer'),
    });
    timeline.at += random.between(4, 30) * HOUR_MS;
  }
  const declined = random.chance(0.04);
  record(timeline, 'RecordContactAttempt', {
    occurredAt: iso(timeline.at),
    method: method(),
    outcome: coded(lists.CONTACT_OUTCOMES, declined ? 'declined' : 'reached'),
  });
  return !declined;
};

const ALL_YES = {
  workingAge: true,
  healthConditionOrDisability: true,
  inWorkOrRecentlyOutOfWork: true,
  livesOrRegisteredWithGpInArea: true,
};

/** Returns whether the referral was accepted. */
export const triage = (timeline: Timeline): boolean => {
  const { random } = timeline;
  advanceMinutes(timeline, 5, 60);
  const accepted = random.chance(timeline.rates.acceptance);
  const decision = accepted ? 'accepted' : random.chance(0.6) ? 'not-eligible' : 'redirected';
  const failed = random.pick(Object.keys(ALL_YES));
  record(timeline, 'TriageReferral', {
    occurredAt: iso(timeline.at),
    decision: coded(lists.TRIAGE_DECISIONS, decision),
    eligibility: decision === 'not-eligible' ? { ...ALL_YES, [failed]: false } : ALL_YES,
    ...(accepted
      ? { assignedCoachId: timeline.coach.userId }
      : random.chance(0.5)
        ? { reason: timeline.seal('Needs are better met elsewhere') }
        : {}),
  });
  return accepted;
};

export const CONSENT_METHOD_WEIGHTS = { verbal: 40, written: 25, digital: 35 } as const;

export const giveConsent = (timeline: Timeline, scope: ConsentScope): void => {
  const { random } = timeline;
  const expires = random.chance(0.1) ? { expiresAt: iso(timeline.at + random.int(180, 540) * 24 * HOUR_MS) } : {};
  record(timeline, 'GiveConsent', {
    occurredAt: iso(timeline.at),
    scope: coded(lists.CONSENT_SCOPES, scope),
    method: coded(lists.CONSENT_METHODS, random.weighted(CONSENT_METHOD_WEIGHTS)),
    evidenceReference: `consent-${random.uuid().slice(0, 8)}`,
    ...expires,
  });
  advanceMinutes(timeline, 1, 5);
};

const swemwbs = (timeline: Timeline, shift = 0) => {
  const items = Array.from({ length: 7 }, () => Math.min(5, Math.max(1, timeline.random.int(1, 4) + shift)));
  return {
    instrument: coded(lists.INSTRUMENTS, 'swemwbs'),
    instrumentVersion: 'swemwbs-1.0',
    items,
    score: items.reduce((sum, item) => sum + item, 0),
  };
};

export const wellbeingMeasure = swemwbs;

export const firstAppointmentAndAssessment = (timeline: Timeline, referral: Referral, mixes: ReferralMixes): void => {
  const { random } = timeline;
  advanceDays(timeline, 1, 8);
  const status = referral.status === 'employed-off-sick' && random.chance(0.1) ? 'employed-working' : referral.status;
  const mode = coded(lists.SESSION_MODES, random.weighted({ 'in-person': 45, phone: 35, video: 20 }));
  record(timeline, 'RecordFirstAppointment', {
    occurredAt: iso(timeline.at),
    mode,
    employmentStatus: coded(lists.EMPLOYMENT_STATUSES, status),
  });
  advanceMinutes(timeline, 5, 20);
  giveConsent(timeline, 'programme-participation');
  if (random.chance(0.3)) advanceDays(timeline, 1, 7);
  else advanceMinutes(timeline, 20, 60);
  const primary = random.weighted(mixes.primaryBarriers);
  const secondary = lists.HEALTH_CONDITIONS.codes.filter((code) => code !== primary && random.chance(0.08)).slice(0, 2);
  const nonHealth = lists.NON_HEALTH_BARRIERS.codes.filter(() => random.chance(0.15)).slice(0, 3);
  const ons4 = {
    instrument: coded(lists.INSTRUMENTS, 'ons4'),
    instrumentVersion: 'ons4-2011',
    items: [0, 0, 0, 0].map(() => random.int(0, 10)),
    score: null,
  };
  record(timeline, 'CompleteAssessment', {
    occurredAt: iso(timeline.at),
    primaryHealthBarrier: coded(lists.HEALTH_CONDITIONS, primary),
    secondaryHealthBarriers: secondary.map((code) => coded(lists.HEALTH_CONDITIONS, code)),
    nonHealthBarriers: nonHealth.map((code) => coded(lists.NON_HEALTH_BARRIERS, code)),
    baselineMeasures: [...(random.chance(0.9) ? [swemwbs(timeline)] : []), ...(random.chance(0.4) ? [ons4] : [])],
  });
};
