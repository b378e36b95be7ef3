import { participantIdOf, uuidV5 } from './participant-ids';

describe('participant ids of imported histories', () => {
  it('derives RFC 9562 version 5 UUIDs (the published DNS example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it("keeps a workwell export's ids, derives the same id for the same reference every time, and another for another system", () => {
    expect(participantIdOf('workwell', '8F14E45F-CEEA-4E67-A9E1-2B1C3D4E5F60')).toBe('8f14e45f-ceea-4e67-a9e1-2b1c3d4e5f60');
    expect(participantIdOf('elemental', 'ELM-1')).toBe(participantIdOf('elemental', 'ELM-1'));
    expect(participantIdOf('elemental', 'ELM-1')).not.toBe(participantIdOf('caseworks', 'ELM-1'));
    expect(() => participantIdOf('workwell', 'ELM-1')).toThrow(expect.objectContaining({ code: 'PARTICIPANT_REF_NOT_AN_ID' }));
  });
});
