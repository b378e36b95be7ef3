import { createHmac } from 'node:crypto';

/**
 * The evaluators' name for a participant: a keyed hash of the internal id, the same in every
 * extract and report, and irreversible without the key.
 */
export const pseudonymOf = (key: Buffer, participantId: string): string => createHmac('sha256', key).update(`participant:${participantId}`).digest('base64url').slice(0, 22);
