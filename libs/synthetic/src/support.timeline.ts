import { londonDateOf } from '@workwell/domain';
import { coded } from '@workwell/domain';
import * as lists from '@workwell/domain';
import type { ConsentScope, LawfulBasis } from '@workwell/domain';
import type { PlanType } from '@workwell/domain';
import { giveConsent, type Referral } from './referral.timeline';
import { advanceDays, advanceMinutes, iso, lateness, record, type Timeline } from './timeline.recorder';

/** The support a started participant will get, drawn up front so that consents come before the sharings that need them. */
export interface SupportPlan {
  readonly planId: string;
  readonly goalIds: readonly string[];
  readonly sessions: number;
  readonly droppedOut: boolean;
  readonly liaisons: number;
  readonly liaisonWithoutConsent: boolean;
  readonly onwardReferrals: number;
  readonly withdrawal: boolean;
  readonly progressShares: number;
  readonly consents: ReadonlySet<ConsentScope>;
}

const planTypeFor = (referral: Referral): PlanType =>
  referral.status === 'employed-working' || referral.status === 'self-employed'
    ? 'thrive-in-work'
    : referral.status === 'employed-off-sick'
      ? 'return-to-work'
      : 'start-work';

export const drawSupport = (timeline: Timeline, referral: Referral): SupportPlan => {
  const { random, rates } = timeline;
  const employed = referral.status === 'employed-working' || referral.status === 'employed-off-sick';
  const droppedOut = random.chance(rates.dropOut);
  const liaisons = employed && random.chance(rates.employerLiaison) ? random.int(1, 3) : 0;
  const liaisonWithoutConsent = liaisons > 0 && random.chance(rates.liaisonWithoutConsent);
  const onwardReferrals = random.chance(rates.onwardReferral) ? random.int(1, 2) : 0;
  const consents = new Set<ConsentScope>();
  if (random.chance(0.5)) consents.add('sms-contact');
  if (random.chance(0.6)) consents.add('evaluation-data-linkage');
  if (random.chance(0.4)) consents.add('share-with-gp');
  if (onwardReferrals > 0 && random.chance(0.8)) consents.add('share-with-onward-service');
  if (liaisons > 0 && !liaisonWithoutConsent) consents.add('employer-liaison');
  if (referral.source === 'jobcentre-plus' && random.chance(0.6)) consents.add('share-with-jobcentre-work-coach');
  return {
    planId: `plan-${random.uuid().slice(0, 8)}`,
    goalIds: Array.from({ length: random.int(1, 4) }, (_, i) => `goal-${i + 1}`),
    sessions: droppedOut ? random.int(1, 4) : random.int(6, 12),
    droppedOut,
    liaisons,
    liaisonWithoutConsent,
    onwardReferrals,
    withdrawal: random.chance(rates.consentWithdrawal),
    progressShares: random.chance(rates.progressSharing) ? random.int(1, 2) : 0,
    consents,
  };
};

export const agreePlan = (timeline: Timeline, referral: Referral, support: SupportPlan): number => {
  const { random } = timeline;
  for (const scope of support.consents) giveConsent(timeline, scope);
  advanceDays(timeline, 2, 14);
  record(timeline, 'AgreeActionPlan', {
    occurredAt: iso(timeline.at),
    planId: support.planId,
    planType: coded(lists.PLAN_TYPES, planTypeFor(referral)),
    goals: support.goalIds.map((goalId) => ({
      goalId,
      domain: coded(lists.GOAL_DOMAINS, random.weighted({ health: 45, work: 45, social: 10 })),
      description: timeline.seal(
        `Goal ${goalId}: ${random.pick(['manage symptoms at work', 'agree a phased return', 'build confidence', 'find suitable work'])}`,
      ),
      status: coded(lists.GOAL_STATUSES, 'not-started'),
    })),
    signedByParticipantOn: londonDateOf(iso(timeline.at)),
  });
  return timeline.at;
};

const liaise = (timeline: Timeline, index: number): void => {
  record(timeline, 'RecordEmployerLiaison', {
    occurredAt: iso(advanceMinutes(timeline, 5, 30)),
    liaisonId: `liaison-${timeline.random.uuid().slice(0, 8)}-${index}`,
    employerId: `employer-${timeline.participantId.slice(0, 6)}`,
    topic: coded(
      lists.LIAISON_TOPICS,
      timeline.random.weighted({ 'reasonable-adjustments': 40, 'phased-return': 35, 'plan-shared': 15, mediation: 10 }),
    ),
    dataCategories: [coded(lists.DATA_CATEGORIES, 'participation'), coded(lists.DATA_CATEGORIES, 'action-plan')],
  });
};

const referOn = (timeline: Timeline, support: SupportPlan): void => {
  const { random } = timeline;
  const onwardReferralId = `onward-${random.uuid().slice(0, 8)}`;
  const basis: LawfulBasis | null = support.consents.has('share-with-onward-service')
    ? 'consent'
    : random.chance(0.5)
      ? 'public-task'
      : null;
  record(timeline, 'MakeOnwardReferral', {
    occurredAt: iso(advanceMinutes(timeline, 5, 30)),
    onwardReferralId,
    service: coded(lists.ONWARD_SERVICES, random.pick(lists.ONWARD_SERVICES.codes)),
    dataShared:
      basis === null
        ? null
        : {
            dataCategories: [coded(lists.DATA_CATEGORIES, 'contact-details'), coded(lists.DATA_CATEGORIES, 'health-information')],
            lawfulBasis: coded(lists.LAWFUL_BASES, basis),
          },
  });
  const answeredAt = timeline.at + random.int(10, 40) * 86_400_000;
  // Without data the service is told nothing and no outcome comes back through the service.
  if (basis === null) return;
  record(
    timeline,
    'RecordOnwardReferralOutcome',
    {
      occurredAt: iso(answeredAt),
      onwardReferralId,
      outcome: coded(
        lists.ONWARD_REFERRAL_OUTCOMES,
        random.weighted({
          accepted: 40,
          attended: 25,
          completed: 15,
          'declined-by-participant': 8,
          'declined-by-service': 5,
          'no-response': 7,
        }),
      ),
    },
    { lateDays: lateness(timeline) },
  );
};

const shareProgress = (timeline: Timeline, support: SupportPlan): void => {
  const toWorkCoach = support.consents.has('share-with-jobcentre-work-coach') || timeline.random.chance(0.2);
  const kind = toWorkCoach ? 'jobcentre-work-coach' : 'gp';
  const basis: LawfulBasis = toWorkCoach || support.consents.has('share-with-gp') ? 'consent' : 'public-task';
  record(timeline, 'ShareData', {
    occurredAt: iso(advanceMinutes(timeline, 5, 30)),
    sharingId: `sharing-${timeline.random.uuid().slice(0, 8)}`,
    recipient: {
      kind: coded(lists.RECIPIENT_KINDS, kind),
      reference: toWorkCoach ? `jcp-${timeline.siteId}` : `gp-practice-${timeline.random.int(100, 999)}`,
    },
    purpose: coded(lists.SHARING_PURPOSES, 'progress-update'),
    dataCategories: [coded(lists.DATA_CATEGORIES, 'progress')],
    lawfulBasis: coded(lists.LAWFUL_BASES, basis),
  });
};

const withdraw = (timeline: Timeline, support: SupportPlan): void => {
  const scope = (['employer-liaison', 'sms-contact', 'evaluation-data-linkage', 'share-with-gp'] as const).find((candidate) =>
    support.consents.has(candidate),
  );
  if (scope === undefined) return;
  record(timeline, 'WithdrawConsent', {
    occurredAt: iso(advanceMinutes(timeline, 5, 30)),
    scope: coded(lists.CONSENT_SCOPES, scope),
    method: coded(lists.CONSENT_METHODS, timeline.random.weighted({ verbal: 60, written: 20, digital: 20 })),
  });
};

/** Sessions, with the plan reviews, liaisons, onward referrals and sharings that happen along the way. */
export const coach = (timeline: Timeline, support: SupportPlan): void => {
  const { random } = timeline;
  const at = (count: number) => new Set(Array.from({ length: count }, () => random.int(0, support.sessions - 1)));
  const liaisonSessions = at(support.liaisons);
  const onwardSessions = at(support.onwardReferrals);
  const shareSessions = at(support.progressShares);
  const withdrawalSession = support.withdrawal ? random.int(Math.floor(support.sessions / 2), support.sessions - 1) : -1;
  let liaisonsDone = 0;
  for (let session = 0; session < support.sessions; session += 1) {
    advanceDays(timeline, 6, 15);
    record(timeline, 'RecordCoachingSession', {
      occurredAt: iso(timeline.at),
      mode: coded(lists.SESSION_MODES, random.weighted({ 'in-person': 40, phone: 35, video: 25 })),
      durationMinutes: random.int(3, 18) * 5,
      ...(random.chance(0.25) ? { notes: timeline.seal('Discussed progress and next steps') } : {}),
    });
    if (session % 4 === 3) {
      const status = coded(lists.GOAL_STATUSES, random.weighted({ 'in-progress': 60, achieved: 30, dropped: 10 }));
      record(timeline, 'ReviewActionPlan', {
        occurredAt: iso(advanceMinutes(timeline, 1, 10)),
        planId: support.planId,
        goalStatuses: support.goalIds.map((goalId) => ({ goalId, status })),
      });
    }
    if (onwardSessions.has(session)) referOn(timeline, support);
    if (shareSessions.has(session)) shareProgress(timeline, support);
    if (liaisonSessions.has(session)) {
      liaise(timeline, (liaisonsDone += 1));
      if (support.liaisonWithoutConsent && liaisonsDone === 1) {
        giveConsent(timeline, 'employer-liaison');
        liaise(timeline, (liaisonsDone += 1));
      }
    }
    if (session === withdrawalSession) withdraw(timeline, support);
  }
};
