import type { JourneyCommandType } from '@workwell/domain';

/**
 * The journey command behind each write route (method and route template, as Fastify names them),
 * so that commands are counted where every request is seen, by its route, without the handlers
 * knowing about metrics. test/operations/metrics.e2e.spec.ts fails when a command route is missing.
 */
export const commandRoutes: Readonly<Record<string, JourneyCommandType>> = {
  'POST /participants': 'ReferParticipant',
  'POST /participants/:participantId/triage': 'TriageReferral',
  'POST /participants/:participantId/contact-attempts': 'RecordContactAttempt',
  'POST /participants/:participantId/first-appointment': 'RecordFirstAppointment',
  'POST /participants/:participantId/consents': 'GiveConsent',
  'POST /participants/:participantId/consents/withdrawals': 'WithdrawConsent',
  'POST /participants/:participantId/assessment': 'CompleteAssessment',
  'POST /participants/:participantId/action-plans': 'AgreeActionPlan',
  'POST /participants/:participantId/action-plans/:planId/reviews': 'ReviewActionPlan',
  'POST /participants/:participantId/sessions': 'RecordCoachingSession',
  'POST /participants/:participantId/onward-referrals': 'MakeOnwardReferral',
  'POST /participants/:participantId/onward-referrals/:onwardReferralId/outcome': 'RecordOnwardReferralOutcome',
  'POST /participants/:participantId/employer-liaisons': 'RecordEmployerLiaison',
  'POST /participants/:participantId/data-sharings': 'ShareData',
  'POST /participants/:participantId/outcomes': 'RecordOutcome',
  'POST /participants/:participantId/discharge': 'DischargeParticipant',
  'POST /participants/:participantId/re-engagement': 'ReEngageParticipant',
  'POST /participants/:participantId/corrections': 'CorrectEvent',
  'POST /participants/:participantId/erasure': 'EraseParticipant',
};

export const commandOf = (method: string, route: string): JourneyCommandType | undefined => commandRoutes[`${method} ${route}`];
