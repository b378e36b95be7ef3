import { createHmac } from 'node:crypto';

/**
 * The evaluators' name for a participant: a keyed hash of the internal id, the same in every
 * extract and report, and irreversible without the key.
 */
export const pseudonymOf = (key: Buffer, participantId: string): string =>
  createHmac('sha256', key).update(`participant:${participantId}`).digest('base64url').slice(0, 22);

/** Tells whether two extracts were made with the same key, and says nothing about the key. */
export const pseudonymKeyFingerprint = (key: Buffer): string =>
  createHmac('sha256', key).update('workwell:pseudonym-key-fingerprint').digest('hex').slice(0, 16);
