import { at, eligible, swemwbs } from '../support/journey-requests';

/** Every endpoint about one participant, with a body that would be valid for it. */
export const participantEndpoints = (id: string): { method: 'GET' | 'POST'; path: string; body?: unknown }[] => [
  { method: 'GET', path: `/participants/${id}` },
  { method: 'GET', path: `/participants/${id}/timeline` },
  {
    method: 'POST',
    path: `/participants/${id}/triage`,
    body: { occurredAt: at('2026-01-05', '12:00:00'), decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/contact-attempts`,
    body: { occurredAt: at('2026-01-06'), method: 'phone', outcome: 'reached' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/first-appointment`,
    body: { occurredAt: at('2026-01-07'), mode: 'phone', employmentStatus: 'unemployed' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/consents`,
    body: { occurredAt: at('2026-01-07'), scope: 'programme-participation', method: 'verbal' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/consents/withdrawals`,
    body: { occurredAt: at('2026-01-07'), scope: 'sms-contact', method: 'verbal' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/assessment`,
    body: { occurredAt: at('2026-01-08'), primaryHealthBarrier: 'mental-health', baselineMeasures: [swemwbs(20)] },
  },
  {
    method: 'POST',
    path: `/participants/${id}/action-plans`,
    body: {
      occurredAt: at('2026-01-09'),
      planType: 'start-work',
      goals: [{ domain: 'work', description: 'x', status: 'not-started' }],
      signedByParticipantOn: '2026-01-09',
    },
  },
  { method: 'POST', path: `/participants/${id}/action-plans/plan-1/reviews`, body: { occurredAt: at('2026-01-10'), goalStatuses: [] } },
  { method: 'POST', path: `/participants/${id}/sessions`, body: { occurredAt: at('2026-01-10'), mode: 'phone', durationMinutes: 20 } },
  { method: 'POST', path: `/participants/${id}/onward-referrals`, body: { occurredAt: at('2026-01-10'), service: 'ips' } },
  {
    method: 'POST',
    path: `/participants/${id}/onward-referrals/or-1/outcome`,
    body: { occurredAt: at('2026-01-11'), outcome: 'accepted' },
  },
  {
    method: 'POST',
    path: `/participants/${id}/employer-liaisons`,
    body: { occurredAt: at('2026-01-11'), employerId: 'employer-1', topic: 'mediation', dataCategories: ['progress'] },
  },
  {
    method: 'POST',
    path: `/participants/${id}/data-sharings`,
    body: {
      occurredAt: at('2026-01-11'),
      recipient: { kind: 'gp', reference: 'gp-1' },
      purpose: 'progress-update',
      dataCategories: ['progress'],
      lawfulBasis: 'public-task',
    },
  },
  {
    method: 'POST',
    path: `/participants/${id}/outcomes`,
    body: { occurredAt: at('2026-04-01'), checkpoint: '12-weeks', reached: false, attempts: 3 },
  },
  { method: 'POST', path: `/participants/${id}/discharge`, body: { occurredAt: at('2026-04-02'), reason: 'disengaged' } },
  { method: 'POST', path: `/participants/${id}/re-engagement`, body: { occurredAt: at('2026-04-03') } },
  {
    method: 'POST',
    path: `/participants/${id}/corrections`,
    body: { occurredAt: at('2026-04-03'), correctedVersion: 1, correctedType: 'ParticipantReferred', reasonCode: 'recorded-in-error' },
  },
];
