/**
 * The personal-data envelope the domain stores in events instead of a clear value, and the
 * marker a read yields once the participant's key has been destroyed. Defined here until the
 * domain exports them; the shapes are the stored contract, so they must not drift.
 */
export interface SealedPersonalData {
  readonly sealed: 'aes-256-gcm';
  readonly keyId: string;
  /** Base64 of the 12-byte nonce. */
  readonly iv: string;
  readonly ciphertext: string;
  /** Base64 of the 16-byte GCM authentication tag. */
  readonly tag: string;
}

export interface ErasedPersonalData {
  readonly erased: true;
}

export const erased: ErasedPersonalData = Object.freeze({ erased: true });

export const isErasedPersonalData = (value: unknown): value is ErasedPersonalData =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;

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
