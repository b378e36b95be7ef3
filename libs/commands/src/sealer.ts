import { participantKeyId, placeholderEnvelope, type SealedPersonalData } from '@workwell/domain';
import type { KeyStore } from '@workwell/key-store';

/** Seals clear text under the participant's own data key before it goes into a command. */
export interface Sealer {
  text(value: string): Promise<SealedPersonalData>;
  optionalText(value: string | undefined | null): Promise<SealedPersonalData | null>;
  json(value: object): Promise<SealedPersonalData>;
}

const present = (value: string | undefined | null): value is string => value !== undefined && value !== null && value !== '';

/** The real sealer: the participant's key is created on first use. */
export const keySealer = (keyStore: KeyStore, participantId: string): Sealer => {
  const keyId = participantKeyId(participantId);
  return {
    text: (value) => keyStore.seal(keyId, value),
    optionalText: async (value) => (present(value) ? keyStore.seal(keyId, value) : null),
    json: (value) => keyStore.seal(keyId, value),
  };
};

/**
 * Well-formed envelopes that seal nothing and touch no key: a command is decided with them
 * first, so that a refused command leaves no key behind (and an erased participant's destroyed
 * key is never asked for).
 */
export const placeholderSealer = (participantId: string): Sealer => {
  const envelope = placeholderEnvelope(participantKeyId(participantId));
  return {
    text: async () => envelope,
    optionalText: async (value) => (present(value) ? envelope : null),
    json: async () => envelope,
  };
};
