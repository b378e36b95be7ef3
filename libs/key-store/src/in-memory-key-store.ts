import { generateDataKey, openWithKey, parseOpenedJson, sealWithKey } from './key-crypto';
import { PersonalDataKeyDestroyed, PersonalDataKeyMissing, SealedDataCorrupted } from './key-store.errors';
import {
  erased,
  isErasedPersonalData,
  isSealedPersonalData,
  type ErasedPersonalData,
  type KeyStore,
  type SealedPersonalData,
} from './personal-data.types';

interface KeyRecord {
  key: Buffer | null;
  destroyedAt: Date | null;
  destroyedReason: string | null;
}

/** The same behaviour as PostgresKeyStore, with the keys in a Map: for unit tests elsewhere. */
export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, KeyRecord>();

  async ensureKey(keyId: string): Promise<void> {
    if (!this.keys.has(keyId)) this.keys.set(keyId, { key: generateDataKey(), destroyedAt: null, destroyedReason: null });
  }

  async seal(keyId: string, plaintext: string | object): Promise<SealedPersonalData> {
    await this.ensureKey(keyId);
    const key = this.keys.get(keyId)!.key;
    if (!key) throw new PersonalDataKeyDestroyed(keyId);
    return sealWithKey(key, keyId, plaintext);
  }

  async open(envelope: SealedPersonalData | ErasedPersonalData): Promise<string | ErasedPersonalData> {
    if (isErasedPersonalData(envelope)) return erased;
    if (!isSealedPersonalData(envelope))
      throw new SealedDataCorrupted(String((envelope as { keyId?: unknown }).keyId), 'not a sealed envelope');
    const record = this.keys.get(envelope.keyId);
    if (!record) throw new PersonalDataKeyMissing(envelope.keyId);
    if (!record.key) return erased;
    return openWithKey(record.key, envelope);
  }

  async openJson<T>(envelope: SealedPersonalData | ErasedPersonalData): Promise<T | ErasedPersonalData> {
    const text = await this.open(envelope);
    return typeof text === 'string' ? parseOpenedJson<T>(text, (envelope as SealedPersonalData).keyId) : text;
  }

  async destroyKey(keyId: string, reason: string): Promise<void> {
    if (!reason.trim()) throw new Error('Destroying a data key needs a reason (it is kept as the proof of erasure).');
    const record = this.keys.get(keyId);
    if (record?.destroyedAt) return;
    record?.key?.fill(0);
    this.keys.set(keyId, { key: null, destroyedAt: new Date(), destroyedReason: reason });
  }

  async isDestroyed(keyId: string): Promise<boolean> {
    return this.keys.get(keyId)?.destroyedAt != null;
  }

  /** When and why a key was destroyed, the proof the Postgres table keeps. */
  destruction(keyId: string): { readonly destroyedAt: Date; readonly reason: string } | undefined {
    const record = this.keys.get(keyId);
    return record?.destroyedAt && record.destroyedReason ? { destroyedAt: record.destroyedAt, reason: record.destroyedReason } : undefined;
  }
}
