import { createHash } from 'node:crypto';
import { canonicalParticipantId, isParticipantId } from '@workwell/domain';
import { WORKWELL_SYSTEM } from './interchange.format';
import { RowProblem } from './row-problem';

/** The namespace of participant ids derived from other systems' references (fixed for ever: ids depend on it). */
export const INTERCHANGE_NAMESPACE = '1fbb4211-d300-4521-9dcf-597c3484eec9';

/** RFC 9562 version 5: SHA-1 of the namespace's bytes and the name, with the version and variant bits set. */
export const uuidV5 = (name: string, namespace: string): string => {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The participant id a source's reference is imported under, the same on every run: this
 * engine's own exports keep their ids (the evaluators' pseudonyms are keyed on them), any
 * other system's references become a UUID derived from the system's name and the reference.
 */
export const participantIdOf = (system: string, participantRef: string): string => {
  if (system !== WORKWELL_SYSTEM) return uuidV5(`${system}\n${participantRef}`, INTERCHANGE_NAMESPACE);
  if (!isParticipantId(participantRef))
    throw new RowProblem(
      'PARTICIPANT_REF_NOT_AN_ID',
      `A ${WORKWELL_SYSTEM} export names participants by their id (a UUID), not "${participantRef}".`,
    );
  return canonicalParticipantId(participantRef);
};
