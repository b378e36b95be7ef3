import * as lists from '../src/code-lists';
import { coded } from '../src/code-lists/code-list.types';
import type { JourneyCommand, JourneyCommandOfType, JourneyCommandType, CommandContext } from '../src/journey/journey.commands';
import { decide } from '../src/journey/journey.decider';
import type { JourneyEvent } from '../src/journey/journey.events';
import { evolve } from '../src/journey/journey.evolve';
import { initialState, type Journey } from '../src/journey/journey.state';
import { participantKeyId, type SealedPersonalData } from '../src/personal-data/sealed.personal-data';
import { DAY_MS, MINUTE_MS, toIsoInstant, toMillis } from '../src/shared/iso-time.values';

export const PARTICIPANT_ID = '8f14e45f-ceea-4e67-a9e1-2b1c3d4e5f60';
/** Monday 3 March 2025, 09:00 London (GMT). */
export const REFERRED_AT = '2025-03-03T09:00:00.000Z';

/** An ISO time `days` (fractions allowed) after the referral. */
export const day = (days: number): string => toIsoInstant(toMillis(REFERRED_AT) + days * DAY_MS);

/** A stand-in for the key store: well-formed envelopes, no real encryption. */
export const fakeSeal = (participantId: string, plaintext: string): SealedPersonalData => ({
  sealed: 'aes-256-gcm',
  keyId: participantKeyId(participantId),
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: btoa(String.fromCharCode(...new TextEncoder().encode(plaintext))),
  tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
});

export const sealedText = (text: string): SealedPersonalData => fakeSeal(PARTICIPANT_ID, text);

export const contextAt = (occurredAt: string, overrides: Partial<CommandContext> = {}): CommandContext => ({
  participantId: PARTICIPANT_ID,
  actor: { userId: 'coach-17', role: 'coach', organisation: 'icb-north-east', site: 'site-01' },
  now: toIsoInstant(toMillis(occurredAt) + MINUTE_MS),
  correlationId: 'correlation-1',
  causationId: null,
  idempotencyKey: 'key-1',
  ...overrides,
});

type DataOf<T extends JourneyCommandType> = JourneyCommandOfType<T>['data'];

const command = <T extends JourneyCommandType>(type: T, data: DataOf<T>, context?: Partial<CommandContext>): JourneyCommandOfType<T> =>
  ({ type, data, context: contextAt(data.occurredAt, context) }) as JourneyCommandOfType<T>;

const builder =
  <T extends JourneyCommandType>(type: T, defaults: () => DataOf<T>) =>
  (overrides: Partial<DataOf<T>> = {}, context?: Partial<CommandContext>): JourneyCommandOfType<T> =>
    command(type, { ...defaults(), ...overrides } as DataOf<T>, context);

const yes = { workingAge: true, healthConditionOrDisability: true, inWorkOrRecentlyOutOfWork: true, livesOrRegisteredWithGpInArea: true };

export const swemwbs = (score = 21) => ({
  instrument: coded(lists.INSTRUMENTS, 'swemwbs'),
  instrumentVersion: 'swemwbs-1.0',
  items: [3, 3, 3, 3, 3, 3, 3],
  score,
});

/** One builder per command, filled with valid data; pass what a test is about. */
export const commands = {
  refer: builder('ReferParticipant', () => ({
    occurredAt: REFERRED_AT,
    siteId: 'site-01',
    referralSource: coded(lists.REFERRAL_SOURCES, 'gp'),
    employmentAtReferral: { status: coded(lists.EMPLOYMENT_STATUSES, 'employed-off-sick'), fitNoteHeld: true },
    contactPreference: coded(lists.CONTACT_PREFERENCES, 'phone'),
    personalDetails: sealedText('{"name":"Alex Example"}'),
    demographics: {
      ageBand: coded(lists.AGE_BANDS, '35-44'),
      sex: coded(lists.SEXES, 'not-disclosed'),
      ethnicity: coded(lists.ETHNICITIES, 'white-british'),
      disability: coded(lists.DISABILITY_STATUSES, 'disabled'),
      imdDecile: coded(lists.IMD_DECILES, '3'),
    },
  })),
  contact: builder('RecordContactAttempt', () => ({
    occurredAt: day(1),
    method: coded(lists.CONTACT_METHODS, 'phone'),
    outcome: coded(lists.CONTACT_OUTCOMES, 'reached'),
  })),
  triage: builder('TriageReferral', () => ({
    occurredAt: day(1),
    decision: coded(lists.TRIAGE_DECISIONS, 'accepted'),
    eligibility: yes,
    assignedCoachId: 'coach-17',
  })),
  firstAppointment: builder('RecordFirstAppointment', () => ({
    occurredAt: day(3),
    mode: coded(lists.SESSION_MODES, 'in-person'),
    employmentStatus: coded(lists.EMPLOYMENT_STATUSES, 'employed-off-sick'),
  })),
  giveConsent: builder('GiveConsent', () => ({
    occurredAt: day(3),
    scope: coded(lists.CONSENT_SCOPES, 'programme-participation'),
    method: coded(lists.CONSENT_METHODS, 'written'),
    evidenceReference: 'doc-123',
  })),
  withdrawConsent: builder('WithdrawConsent', () => ({
    occurredAt: day(30),
    scope: coded(lists.CONSENT_SCOPES, 'employer-liaison'),
    method: coded(lists.CONSENT_METHODS, 'verbal'),
  })),
  assess: builder('CompleteAssessment', () => ({
    occurredAt: day(3.1),
    primaryHealthBarrier: coded(lists.HEALTH_CONDITIONS, 'mental-health'),
    secondaryHealthBarriers: [coded(lists.HEALTH_CONDITIONS, 'musculoskeletal')],
    nonHealthBarriers: [coded(lists.NON_HEALTH_BARRIERS, 'confidence')],
    baselineMeasures: [swemwbs()],
  })),
  agreePlan: builder('AgreeActionPlan', () => ({
    occurredAt: day(10),
    planId: 'plan-1',
    planType: coded(lists.PLAN_TYPES, 'return-to-work'),
    goals: [
      {
        goalId: 'goal-1',
        domain: coded(lists.GOAL_DOMAINS, 'work'),
        description: sealedText('Phased return'),
        status: coded(lists.GOAL_STATUSES, 'not-started'),
      },
    ],
    signedByParticipantOn: '2025-03-13',
  })),
  reviewPlan: builder('ReviewActionPlan', () => ({
    occurredAt: day(40),
    planId: 'plan-1',
    goalStatuses: [{ goalId: 'goal-1', status: coded(lists.GOAL_STATUSES, 'in-progress') }],
  })),
  session: builder('RecordCoachingSession', () => ({
    occurredAt: day(17),
    mode: coded(lists.SESSION_MODES, 'video'),
    durationMinutes: 50,
  })),
  onwardReferral: builder('MakeOnwardReferral', () => ({
    occurredAt: day(20),
    onwardReferralId: 'onward-1',
    service: coded(lists.ONWARD_SERVICES, 'nhs-talking-therapies'),
    dataShared: { dataCategories: [coded(lists.DATA_CATEGORIES, 'contact-details')], lawfulBasis: coded(lists.LAWFUL_BASES, 'consent') },
  })),
  onwardOutcome: builder('RecordOnwardReferralOutcome', () => ({
    occurredAt: day(35),
    onwardReferralId: 'onward-1',
    outcome: coded(lists.ONWARD_REFERRAL_OUTCOMES, 'accepted'),
  })),
  liaise: builder('RecordEmployerLiaison', () => ({
    occurredAt: day(21),
    liaisonId: 'liaison-1',
    employerId: 'employer-9f2c',
    topic: coded(lists.LIAISON_TOPICS, 'phased-return'),
    dataCategories: [coded(lists.DATA_CATEGORIES, 'action-plan')],
  })),
  share: builder('ShareData', () => ({
    occurredAt: day(22),
    sharingId: 'sharing-1',
    recipient: { kind: coded(lists.RECIPIENT_KINDS, 'gp'), reference: 'gp-practice-a81001' },
    purpose: coded(lists.SHARING_PURPOSES, 'progress-update'),
    dataCategories: [coded(lists.DATA_CATEGORIES, 'progress')],
    lawfulBasis: coded(lists.LAWFUL_BASES, 'public-task'),
  })),
  outcome: builder('RecordOutcome', () => ({
    occurredAt: day(94),
    checkpoint: coded(lists.CHECKPOINTS, '12-weeks'),
    result: {
      reached: true,
      employmentStatus: coded(lists.OUTCOME_EMPLOYMENT_STATUSES, 'returned-to-work'),
      hoursPerWeek: 30,
      source: coded(lists.OUTCOME_SOURCES, 'participant'),
    },
  })),
  discharge: builder('DischargeParticipant', () => ({
    occurredAt: day(100),
    reason: coded(lists.DISCHARGE_REASONS, 'plan-completed'),
    satisfaction: 5,
  })),
  reEngage: builder('ReEngageParticipant', () => ({ occurredAt: day(120) })),
  correct: builder('CorrectEvent', () => ({
    occurredAt: day(101),
    correctedVersion: 1,
    correctedType: 'ParticipantReferred',
    reasonCode: coded(lists.CORRECTION_REASONS, 'wrong-value'),
  })),
  erase: builder('EraseParticipant', () => ({ occurredAt: day(200), reasonCode: coded(lists.ERASURE_REASONS, 'erasure-request') })),
};

export const consentTo = (scope: (typeof lists.CONSENT_SCOPES.codes)[number], occurredAt = day(3), expiresAt?: string) =>
  commands.giveConsent({ scope: coded(lists.CONSENT_SCOPES, scope), occurredAt, ...(expiresAt ? { expiresAt } : {}) });

/** Runs commands through the decider, failing loudly on any refusal: how tests build their `given`. */
export const eventsOf = (...journeyCommands: readonly JourneyCommand[]): JourneyEvent[] => {
  let state: Journey = initialState();
  const events: JourneyEvent[] = [];
  for (const next of journeyCommands) {
    for (const event of decide(next, state)) {
      events.push(event);
      state = evolve(state, event);
    }
  }
  return events;
};

export const referred = (): JourneyCommand[] => [commands.refer()];
export const accepted = (): JourneyCommand[] => [...referred(), commands.contact(), commands.triage()];
export const assessed = (): JourneyCommand[] => [...accepted(), commands.firstAppointment(), commands.giveConsent(), commands.assess()];
/** Versions: 1 referral, 2 contact, 3 triage, 4 first appointment, 5 consent, 6 assessment, 7 plan. */
export const started = (): JourneyCommand[] => [...assessed(), commands.agreePlan()];
