import type { OutcomesPageEnd } from '@workwell/read-models';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The `next` token of the pseudonymised outcome listing. Pages are keyed on (participant id,
 * episode), which evaluators must never see, so the token is that key sealed with AES-256-GCM
 * under a key derived from the pseudonym key: opaque, and refused when altered.
 */
export class OutcomesCursor {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('workwell:outcomes-cursor:v1').digest();
  }

  seal(end: OutcomesPageEnd): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(`${end.participantId} ${end.episode}`, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The page end a token stands for, or `undefined` for anything this server did not seal. */
  open(token: string): OutcomesPageEnd | undefined {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const [participantId, episode] = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
        .toString('utf8')
        .split(' ');
      return { participantId, episode: Number(episode) };
    } catch {
      return undefined;
    }
  }
}
