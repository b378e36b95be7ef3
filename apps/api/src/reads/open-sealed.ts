import type { ErasedPersonalData, SealedPersonalData } from '@workwell/domain';
import type { KeyStore } from '@workwell/key-store';

const isSealed = (value: unknown): value is SealedPersonalData =>
  typeof value === 'object' &&
  value !== null &&
  (value as { sealed?: unknown }).sealed === 'aes-256-gcm' &&
  typeof (value as { keyId?: unknown }).keyId === 'string';

/**
 * A copy of `value` with every sealed envelope opened: clear text for a live key, or
 * `{ erased: true }` once the participant's key has been destroyed.
 */
export const openSealed = async (keyStore: KeyStore, value: unknown): Promise<unknown> => {
  if (isSealed(value)) {
    const opened = await keyStore.open(value);
    if (typeof opened !== 'string') return opened as ErasedPersonalData;
    // Objects (personal details) are sealed as JSON; free text is sealed as it was written.
    if (!opened.startsWith('{')) return opened;
    try {
      return JSON.parse(opened) as unknown;
    } catch {
      return opened;
    }
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => openSealed(keyStore, item)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await openSealed(keyStore, item)] as const));
    return Object.fromEntries(entries);
  }
  return value;
};
