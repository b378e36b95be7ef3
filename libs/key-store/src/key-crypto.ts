import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';
import { InvalidMasterKey, SealedDataCorrupted } from './key-store.errors';
import type { MasterKey, SealedPersonalData } from './personal-data.types';

const algorithm = 'aes-256-gcm';
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
/** iv, tag, then the encrypted 32-byte data key: what `participant_keys.wrapped_key` holds. */
export const wrappedKeyBytes = ivBytes + tagBytes + keyBytes;

interface Sealed {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * Fresh random IVs, drawn from the CSPRNG 1,024 at a time: one call a seal was 3% of an import's
 * CPU. Each IV is copied out, so nothing handed out shares memory with the pool when it refills.
 */
const ivPool = Buffer.alloc(ivBytes * 1_024);
let ivTaken = ivPool.length;
export const freshIv = (): Buffer => {
  if (ivTaken === ivPool.length) {
    randomFillSync(ivPool);
    ivTaken = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivTaken, ivTaken + ivBytes));
  ivTaken += ivBytes;
  return iv;
};

// The key id is the additional authenticated data everywhere, so neither a wrapped key nor an
// envelope can be moved to another participant's row and still decrypt.
const encrypt = (key: Buffer, plaintext: Buffer, aad: string): Sealed => {
  const iv = freshIv();
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
};

/** Returns undefined when authentication fails; callers decide which error that is. */
const decrypt = (key: Buffer, sealed: Sealed, aad: string): Buffer | undefined => {
  if (sealed.iv.length !== ivBytes || sealed.tag.length !== tagBytes) return undefined;
  try {
    const decipher = createDecipheriv(algorithm, key, sealed.iv, { authTagLength: tagBytes });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
};

export const generateDataKey = (): Buffer => randomBytes(keyBytes);

/** A new master key as base64, the form configuration takes (WORKWELL_MASTER_KEYS). */
export const generateMasterKey = (): string => randomBytes(keyBytes).toString('base64');

/** Builds a master key from its configured base64, refusing anything but exactly 32 bytes. */
export const parseMasterKey = (id: string, base64: string): MasterKey => {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== keyBytes || key.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new InvalidMasterKey(`master key "${id}" must be ${keyBytes} bytes in base64`);
  }
  return { id, key };
};

export const assertMasterKey = (masterKey: MasterKey): void => {
  if (!masterKey.id) throw new InvalidMasterKey('a master key has an empty id');
  if (masterKey.key.length !== keyBytes)
    throw new InvalidMasterKey(`master key "${masterKey.id}" is ${masterKey.key.length} bytes, not ${keyBytes}`);
};

export const wrapDataKey = (dataKey: Buffer, masterKey: Buffer, keyId: string): Buffer => {
  const { iv, tag, ciphertext } = encrypt(masterKey, dataKey, keyId);
  return Buffer.concat([iv, tag, ciphertext]);
};

/** Undefined when this master key did not wrap this key id's key. */
export const unwrapDataKey = (wrapped: Buffer, masterKey: Buffer, keyId: string): Buffer | undefined => {
  if (wrapped.length !== wrappedKeyBytes) return undefined;
  return decrypt(
    masterKey,
    {
      iv: wrapped.subarray(0, ivBytes),
      tag: wrapped.subarray(ivBytes, ivBytes + tagBytes),
      ciphertext: wrapped.subarray(ivBytes + tagBytes),
    },
    keyId,
  );
};

export const sealWithKey = (dataKey: Buffer, keyId: string, plaintext: string | object): SealedPersonalData => {
  const text = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
  const { iv, ciphertext, tag } = encrypt(dataKey, Buffer.from(text, 'utf8'), keyId);
  return { sealed: algorithm, keyId, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: tag.toString('base64') };
};

const strictBase64 = (value: string): Buffer | undefined => {
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : undefined;
};

export const openWithKey = (dataKey: Buffer, envelope: SealedPersonalData): string => {
  const iv = strictBase64(envelope.iv);
  const ciphertext = strictBase64(envelope.ciphertext);
  const tag = strictBase64(envelope.tag);
  if (!iv || !ciphertext || !tag) throw new SealedDataCorrupted(envelope.keyId, 'malformed base64');
  const plaintext = decrypt(dataKey, { iv, ciphertext, tag }, envelope.keyId);
  if (!plaintext) throw new SealedDataCorrupted(envelope.keyId);
  return plaintext.toString('utf8');
};

/** The JSON an envelope held (`openJson`); anything else means the envelope is not what it claims. */
export const parseOpenedJson = <T>(text: string, keyId: string): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SealedDataCorrupted(keyId, 'the decrypted value is not JSON');
  }
};
