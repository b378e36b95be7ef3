import { participantKeyId, type SealedPersonalData } from '@workwell/domain';

/**
 * The generator seals personal data through an injected function. The simulator drives the
 * real API, which seals for itself, so it hands the generator an envelope that merely carries
 * the clear text, and unwraps it again when it builds the HTTP request.
 */
export const carry = (participantId: string, plaintext: string): SealedPersonalData => ({
  sealed: 'aes-256-gcm',
  keyId: participantKeyId(participantId),
  iv: Buffer.alloc(12).toString('base64'),
  ciphertext: Buffer.from(plaintext, 'utf8').toString('base64'),
  tag: Buffer.alloc(16).toString('base64'),
});

export const unwrap = (envelope: SealedPersonalData): string => Buffer.from(envelope.ciphertext, 'base64').toString('utf8');

export const unwrapOptional = (envelope: SealedPersonalData | null | undefined): string | undefined =>
  envelope ? unwrap(envelope) : undefined;
