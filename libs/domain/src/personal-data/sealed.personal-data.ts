/**
 * Personal data as it travels in events: encrypted with the participant's own data key, which
 * lives outside the event store. Erasing the participant destroys the key (crypto-shredding):
 * the events stay, the envelope becomes unreadable, and dates and codes keep the evaluation whole.
 * All fields but `sealed` are base64.
 */
export interface SealedPersonalData {
  readonly sealed: 'aes-256-gcm';
  readonly keyId: string;
  /** 12 bytes. */
  readonly iv: string;
  readonly ciphertext: string;
  /** The 16-byte authentication tag. */
  readonly tag: string;
}

/** What a read model shows in place of personal data once the participant's key is destroyed. */
export interface ErasedPersonalData {
  readonly erased: true;
}

export const isErasedPersonalData = (value: unknown): value is ErasedPersonalData =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;

/** The id of the data key that seals this participant's personal data. Deterministic so that every part of the system finds the same key. */
/**
 * An envelope of the right shape for a key that seals nothing: commands are decided with these
 * before anything is sealed for real, so that a refused command creates no key.
 */
export const placeholderEnvelope = (keyId: string): SealedPersonalData => ({
  sealed: 'aes-256-gcm',
  keyId,
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: 'AA==',
  tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
});

export const participantKeyId = (participantId: string): string => `participant-key:${participantId.trim().toLowerCase()}`;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const base64Bytes = (value: string): number => (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);

/** Problems with an envelope's shape, by field name; empty when it is well formed and bound to `keyId`. */
export const sealedEnvelopeProblems = (value: unknown, keyId: string): { field: string; message: string }[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ field: '', message: 'must be sealed personal data (an aes-256-gcm envelope), never clear text' }];
  const envelope = value as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  if (envelope.sealed !== 'aes-256-gcm') problems.push({ field: 'sealed', message: 'must be "aes-256-gcm"' });
  if (envelope.keyId !== keyId) problems.push({ field: 'keyId', message: "must be this participant's key id" });
  for (const [field, bytes] of [
    ['iv', 12],
    ['ciphertext', 0],
    ['tag', 16],
  ] as const) {
    const text = envelope[field];
    if (typeof text !== 'string' || text.length === 0 || !BASE64.test(text)) problems.push({ field, message: 'must be base64' });
    else if (bytes > 0 && base64Bytes(text) !== bytes) problems.push({ field, message: `must be ${bytes} bytes` });
  }
  for (const field of Object.keys(envelope)) {
    if (!['sealed', 'keyId', 'iv', 'ciphertext', 'tag'].includes(field))
      problems.push({ field, message: 'is not part of a sealed envelope' });
  }
  return problems;
};
