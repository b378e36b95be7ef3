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
 * Well-formed envelopes that seal nothing and touch no key, one shared by every field: for a
 * history that must leave nothing readable (an erased participant's, imported), whose key is never
 * asked for.
 */
export const placeholderSealer = (participantId: string): Sealer => {
  const envelope = placeholderEnvelope(participantKeyId(participantId));
  return {
    text: async () => envelope,
    optionalText: async (value) => (present(value) ? envelope : null),
    json: async () => envelope,
  };
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An envelope handed out before anything was sealed, and how to seal it for real. */
export interface PendingEnvelope {
  readonly envelope: Mutable<SealedPersonalData>;
  readonly seal: () => Promise<SealedPersonalData>;
}

/**
 * Placeholder envelopes, each an object of its own, noted in `pending` with the value they stand
 * for: a command is decided with them, and only once it is accepted is each value sealed with
 * `seal` and its envelope filled in, in place, inside the events decided. So a command is decided
 * once, and a refused one still seals nothing.
 */
export const pendingSealer = (participantId: string, seal: Sealer, pending: PendingEnvelope[]): Sealer => {
  const keyId = participantKeyId(participantId);
  const later = (sealed: () => Promise<SealedPersonalData>): SealedPersonalData => {
    const envelope = { ...placeholderEnvelope(keyId) };
    pending.push({ envelope, seal: sealed });
    return envelope;
  };
  return {
    text: async (value) => later(() => seal.text(value)),
    optionalText: async (value) => (present(value) ? later(() => seal.text(value)) : null),
    json: async (value) => later(() => seal.json(value)),
  };
};
