import { NATIONAL_SURVEY_SCHEDULE } from '@workwell/domain';
import { fakeSeal } from '@workwell/domain-testing';
import { generateJourney, generateJourneys } from './journey.generator';
import { replayCommands } from './journey.replay';
import type { JourneyGeneratorOptions } from './generator.options';

const options: JourneyGeneratorOptions = { seed: 42, participants: 200, sites: 15, startDate: '2024-10-01', seal: fakeSeal };

describe('synthetic journey generator', () => {
  const journeys = [...generateJourneys(options)];
  const replayed = journeys.map((journey) => replayCommands(journey.commands));

  it('produces journeys every command of which the decider accepts', () => {
    expect(replayed.every((result) => result.refusals.length === 0)).toBe(true);
  });

  it('is deterministic: the same seed gives the same commands, and any participant can be generated alone', () => {
    expect([...generateJourneys({ ...options, participants: 20 })]).toEqual(journeys.slice(0, 20));
    expect(generateJourney(options, 123)).toEqual(journeys[123]);
    expect(generateJourney({ ...options, seed: 43 }, 0).commands).not.toEqual(journeys[0].commands);
  });

  it('gives realistic sizes: most started participants have 15 to 45 events', () => {
    const counts = replayed.map((result) => result.events.length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const started = replayed.filter((r) => r.events.some((e) => e.type === 'ActionPlanAgreed')).map((r) => r.events.length);
    const inRange = started.filter((n) => n >= 15 && n <= 45).length / started.length;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(35);
    expect(inRange).toBeGreaterThan(0.85);
  });

  it('covers the whole catalogue of events', () => {
    const types = new Set(replayed.flatMap((r) => r.events.map((e) => e.type)));
    const all = [
      ...generateJourneys({
        ...options,
        participants: 400,
        rates: { erasure: 0.02, correction: 0.1, reEngagement: 0.1, consentWithdrawal: 0.2 },
      }),
    ];
    for (const journey of all) for (const event of replayCommands(journey.commands).events) types.add(event.type);
    expect([...types].sort()).toEqual(
      [
        'ActionPlanAgreed',
        'ActionPlanReviewed',
        'AssessmentCompleted',
        'CoachingSessionHeld',
        'ConsentGiven',
        'ConsentWithdrawn',
        'ContactAttempted',
        'DataShared',
        'DataSharingBlocked',
        'EmployerLiaisonRecorded',
        'EventCorrected',
        'FirstAppointmentHeld',
        'OnwardReferralMade',
        'OnwardReferralOutcomeRecorded',
        'OutcomeRecorded',
        'ParticipantDischarged',
        'ParticipantErased',
        'ParticipantReEngaged',
        'ParticipantReferred',
        'ReferralTriaged',
      ].sort(),
    );
  });

  it('records some outcomes weeks after they were observed', () => {
    const lags = journeys.flatMap((j) =>
      j.commands.filter((c) => c.type === 'RecordOutcome').map((c) => Date.parse(c.context.now) - Date.parse(c.data.occurredAt)),
    );
    expect(lags.filter((lag) => lag > 7 * 86_400_000).length / lags.length).toBeGreaterThan(0.1);
  });

  it('keeps every command in recording order, and no business time after its recording', () => {
    for (const journey of journeys) {
      const times = journey.commands.map((c) => Date.parse(c.context.now));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const command of journey.commands)
        expect(Date.parse(command.data.occurredAt)).toBeLessThanOrEqual(Date.parse(command.context.now));
    }
  });

  it('cuts journeys at the as-of time', () => {
    const asOf = '2025-03-01T00:00:00Z';
    const cut = [...generateJourneys({ ...options, participants: 100, asOf })];
    expect(cut.flatMap((j) => j.commands).every((c) => c.context.now <= asOf)).toBe(true);
    expect(cut.every((j) => replayCommands(j.commands).refusals.length === 0)).toBe(true);
  });

  it('follows each site schedule', () => {
    const surveyed = [
      ...generateJourneys({ ...options, participants: 200, siteSchedules: { 'site-01': NATIONAL_SURVEY_SCHEDULE } }),
    ].filter((j) => j.siteId === 'site-01');
    const checkpoints = new Set(
      surveyed.flatMap((j) => j.commands.flatMap((c) => (c.type === 'RecordOutcome' ? [c.data.checkpoint.code] : []))),
    );
    expect([...checkpoints].sort()).toEqual(['6-months', 'discharge']);
  });

  it('seals personal data with the participant key through the injected function', () => {
    const seal = jest.fn(fakeSeal);
    const [journey] = [...generateJourneys({ ...options, participants: 1, seal })];
    expect(seal).toHaveBeenCalledWith(journey.participantId, expect.stringContaining('"nhsNumber":"999'));
    expect(seal.mock.calls.every(([participantId]) => participantId === journey.participantId)).toBe(true);
  });
});
