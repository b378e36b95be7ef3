import type { ErasedPersonalData, SealedPersonalData } from '@workwell/domain';

/** The envelope and the erased marker are the domain's: the stored contract has one definition. */
export type { ErasedPersonalData, SealedPersonalData };

export const erased: ErasedPersonalData = Object.freeze({ erased: true });

export { isErasedPersonalData } from '@workwell/domain';

export const isSealedPersonalData = (value: unknown): value is SealedPersonalData => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.sealed === 'aes-256-gcm' && [v.keyId, v.iv, v.ciphertext, v.tag].every((field) => typeof field === 'string');
};

/** A master key from configuration: 32 bytes, known by an id that wrapped keys record. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Per-participant data keys (crypto-shredding). `open` never throws for an erased participant:
 * it yields `{ erased: true }`, so every reader degrades the same way after erasure.
 */
export interface KeyStore {
  /** Creates the participant's key unless it exists (or was destroyed); safe to call concurrently. */
  ensureKey(keyId: string): Promise<void>;
  /** Encrypts under the participant's key, creating the key on first use. Objects are sealed as JSON. */
  seal(keyId: string, plaintext: string | object): Promise<SealedPersonalData>;
  open(envelope: SealedPersonalData | ErasedPersonalData): Promise<string | ErasedPersonalData>;
  openJson<T>(envelope: SealedPersonalData | ErasedPersonalData): Promise<T | ErasedPersonalData>;
  /** Irreversible: the key bytes are gone and every envelope sealed with it reads as erased. */
  destroyKey(keyId: string, reason: string): Promise<void>;
  isDestroyed(keyId: string): Promise<boolean>;
}
