import { canonicalParticipantId, isParticipantId, isParticipantStreamId, participantStreamId } from './journey.commands';
import { participantKeyId } from '../personal-data/sealed.personal-data';

describe('one participant, one id', () => {
  const id = '3f1c2a9e-8b7d-4c1e-9f3a-2d5b6c7e8f90';

  it('spells every form of an id, its stream and its key one way', () => {
    for (const spelling of [id, id.toUpperCase(), ` ${id.replace('f', 'F')} `]) {
      expect(canonicalParticipantId(spelling)).toBe(id);
      expect(participantStreamId(spelling)).toBe(`participant-${id}`);
      expect(participantKeyId(spelling)).toBe(`participant-key:${id}`);
      expect(isParticipantId(spelling)).toBe(true);
    }
  });

  it('knows a participant stream only in the canonical spelling', () => {
    expect(isParticipantStreamId(`participant-${id}`)).toBe(true);
    expect(isParticipantStreamId(`participant-${id.toUpperCase()}`)).toBe(false);
    expect(isParticipantStreamId(`participant-${id} `)).toBe(false);
    expect(isParticipantStreamId('participant-not-a-uuid')).toBe(false);
    expect(isParticipantStreamId('evaluation-extract-sharings')).toBe(false);
    expect(isParticipantId('not-a-uuid')).toBe(false);
  });
});
