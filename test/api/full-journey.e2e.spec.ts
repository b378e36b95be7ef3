import { WorkwellClient } from '@workwell/client';
import { at, eligible, referral, swemwbs } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';

describe('a coach runs a whole journey through the thin client', () => {
  let engine: Engine;
  let coach: WorkwellClient;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2027-01-20T09:00:00Z') });
    coach = new WorkwellClient({
      baseUrl: engine.baseUrl,
      token: await engine.token('coach', 'leeds', 'coach-7'),
      purpose: 'weekly caseload review',
    });
  });
  afterAll(() => engine.stop());

  it('records referral to 52-week outcome and reads it back from the read models', async () => {
    const referred = await coach.refer(referral());
    const id = referred.participantId;
    expect(referred.version).toBe(1);

    await coach.triage(id, {
      occurredAt: at('2026-01-05', '15:00:00'),
      decision: 'accepted',
      eligibility: eligible,
      assignedCoachId: 'coach-7',
    });
    await coach.recordContactAttempt(id, { occurredAt: at('2026-01-06'), method: 'phone', outcome: 'reached' });
    await coach.giveConsent(id, {
      occurredAt: at('2026-01-08'),
      scope: 'programme-participation',
      method: 'written',
      evidenceReference: 'DOC-1',
    });
    await coach.recordFirstAppointment(id, {
      occurredAt: at('2026-01-08', '11:00:00'),
      mode: 'in-person',
      employmentStatus: 'employed-off-sick',
    });
    await coach.completeAssessment(id, {
      occurredAt: at('2026-01-08', '12:00:00'),
      primaryHealthBarrier: 'musculoskeletal',
      nonHealthBarriers: ['confidence'],
      baselineMeasures: [swemwbs(21)],
    });
    const plan = await coach.agreeActionPlan(id, {
      occurredAt: at('2026-01-12'),
      planType: 'return-to-work',
      goals: [{ domain: 'work', description: 'Back to the warehouse on a phased return', status: 'in-progress' }],
      signedByParticipantOn: '2026-01-12',
    });
    for (const day of ['2026-01-19', '2026-01-26', '2026-02-02'])
      await coach.recordSession(id, { occurredAt: at(day), mode: 'phone', durationMinutes: 45 });
    await coach.giveConsent(id, {
      occurredAt: at('2026-02-02', '11:00:00'),
      scope: 'employer-liaison',
      method: 'written',
      evidenceReference: 'DOC-2',
    });
    await coach.recordEmployerLiaison(id, {
      occurredAt: at('2026-02-03'),
      employerId: 'employer-4411',
      topic: 'phased-return',
      dataCategories: ['action-plan'],
    });
    await coach.recordOutcome(id, {
      occurredAt: at('2026-04-06'),
      checkpoint: '12-weeks',
      reached: true,
      employmentStatus: 'returned-to-work',
      hoursPerWeek: 30,
      source: 'participant',
    });
    await coach.recordOutcome(id, {
      occurredAt: at('2026-07-06'),
      checkpoint: '26-weeks',
      reached: true,
      employmentStatus: 'returned-to-work',
      hoursPerWeek: 37.5,
      source: 'participant',
    });
    const last = await coach.recordOutcome(id, {
      occurredAt: at('2027-01-04'),
      checkpoint: '52-weeks',
      reached: true,
      employmentStatus: 'remained-in-work',
      source: 'employer',
    });
    expect(last.version).toBe(16);
    expect(plan.recorded[0].type).toBe('ActionPlanAgreed');

    const summary = await coach.participant(id, last.position);
    expect(summary).toMatchObject({
      participantId: id,
      siteId: 'leeds',
      coachId: 'coach-7',
      stage: 'started',
      sessionsHeld: 3,
      version: 16,
      etagVersion: 16,
    });
    expect(summary.position).toBeGreaterThanOrEqual(last.position);
    expect(summary.personalDetails).toMatchObject({ name: 'Sam Example', nhsNumber: '943 476 5919' });
    expect(summary.consents['employer-liaison']).toMatchObject({ given: true });
    expect(summary.overdue).toEqual([]);

    const timeline = await coach.timeline(id);
    expect(timeline.events.map((e) => e.type)).toEqual([
      'ParticipantReferred',
      'ReferralTriaged',
      'ContactAttempted',
      'ConsentGiven',
      'FirstAppointmentHeld',
      'AssessmentCompleted',
      'ActionPlanAgreed',
      'CoachingSessionHeld',
      'CoachingSessionHeld',
      'CoachingSessionHeld',
      'ConsentGiven',
      'EmployerLiaisonRecorded',
      'DataShared',
      'OutcomeRecorded',
      'OutcomeRecorded',
      'OutcomeRecorded',
    ]);
    expect((timeline.events[6].data.goals as { description: string }[])[0].description).toBe('Back to the warehouse on a phased return');

    const caseload = await coach.caseload({ coachId: 'coach-7' });
    expect(caseload.items).toHaveLength(1);
    expect(caseload.items[0]).toMatchObject({ participantId: id, name: 'Sam Example', stage: 'started', sessionsHeld: 3 });

    const stored = await engine.eventStore.readStream(`participant-${id}`);
    expect(stored).toHaveLength(16);
    expect(JSON.stringify(stored)).not.toContain('Sam Example');
    expect(JSON.stringify(stored)).not.toContain('943 476 5919');
    expect(stored[11].metadata).toMatchObject({ actor: { userId: 'coach-7', role: 'coach', site: 'leeds' } });

    const { rows } = await engine.db.pool.query(
      'SELECT what, purpose, user_id FROM personal_data_access_log WHERE participant_id = $1 ORDER BY id',
      [id],
    );
    expect(rows).toEqual([
      { what: 'journey summary', purpose: 'weekly caseload review', user_id: 'coach-7' },
      { what: 'timeline', purpose: 'weekly caseload review', user_id: 'coach-7' },
      { what: 'caseload name', purpose: 'weekly caseload review', user_id: 'coach-7' },
    ]);
  });
});
