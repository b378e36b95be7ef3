import { CURRENT_SCHEMA_VERSION } from '../journey/journey.events';
import { commands } from '../../testing/journey.fixtures';
import { toRecordedJourneyEvent, UnknownEventSchema, upcast, UPCASTERS } from './journey.upcasters';

describe('upcasting', () => {
  it('ParticipantReferred v1 → v2: flat employmentStatus and fitNote become employmentAtReferral, bare codes become coded', () => {
    const { employmentAtReferral: _grouped, referralSource: _coded, ...unchanged } = commands.refer().data;
    const v1 = { ...unchanged, referralSource: 'jobcentre-plus', employmentStatus: 'employed-off-sick', fitNote: true };
    expect(upcast('ParticipantReferred', 1, v1)).toEqual({
      ...unchanged,
      referralSource: { list: 'referral-source', version: '2024.1', code: 'jobcentre-plus' },
      employmentAtReferral: { status: { list: 'employment-status', version: '2024.1', code: 'employed-off-sick' }, fitNoteHeld: true },
    });
  });

  it('leaves current versions alone', () => {
    const data = commands.refer().data;
    expect(upcast('ParticipantReferred', 2, data)).toBe(data);
    expect(upcast('OutcomeRecorded', 1, commands.outcome().data)).toEqual(commands.outcome().data);
  });

  it('has a step for every version below the current one', () => {
    for (const [type, current] of Object.entries(CURRENT_SCHEMA_VERSION)) {
      for (let version = 1; version < current; version += 1) expect(UPCASTERS[type as keyof typeof UPCASTERS]?.[version]).toBeDefined();
    }
  });

  it.each([
    ['an unknown type', 'ParticipantTeleported', 1],
    ['a version from a newer build', 'ParticipantReferred', 3],
    ['version 0', 'ReferralTriaged', 0],
  ])('refuses %s', (_what, type, version) => {
    expect(() => upcast(type as 'ReferralTriaged', version, {})).toThrow(UnknownEventSchema);
  });

  it('turns a stored event into a typed, current journey event', () => {
    const stored = {
      streamId: 'participant-1',
      eventId: 'e-1',
      type: 'ParticipantReferred',
      schemaVersion: 1,
      data: { occurredAt: '2025-03-03T09:00:00Z', employmentStatus: 'unemployed', fitNote: false },
      metadata: { occurredAt: '2025-03-03T09:00:00Z' },
      recordedAt: '2025-03-03T09:01:00Z',
      version: 1,
      position: 42,
    };
    const event = toRecordedJourneyEvent(stored);
    expect(event).toMatchObject({ type: 'ParticipantReferred', version: 1, position: 42, recordedAt: '2025-03-03T09:01:00Z' });
    expect(event.type === 'ParticipantReferred' && event.data.employmentAtReferral.status.code).toBe('unemployed');
  });
});
