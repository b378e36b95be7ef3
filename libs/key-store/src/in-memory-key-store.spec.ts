import { InMemoryKeyStore } from './in-memory-key-store';
import { PersonalDataKeyDestroyed, PersonalDataKeyMissing, SealedDataCorrupted } from './key-store.errors';

describe('InMemoryKeyStore', () => {
  it('behaves like the PostgreSQL store: round trip, erasure, tampering', async () => {
    const store = new InMemoryKeyStore();
    const name = await store.seal('p1', 'Ada');
    const details = await store.seal('p1', { postcode: 'M1 1AE' });
    const other = await store.seal('p2', 'Alan');
    expect(await store.open(name)).toBe('Ada');
    expect(await store.openJson(details)).toEqual({ postcode: 'M1 1AE' });
    await expect(store.open({ ...name, ciphertext: Buffer.from('tampered').toString('base64') })).rejects.toBeInstanceOf(
      SealedDataCorrupted,
    );
    await expect(store.open({ ...name, keyId: 'p3' })).rejects.toBeInstanceOf(PersonalDataKeyMissing);

    await store.destroyKey('p1', 'erasure request');
    expect(await store.isDestroyed('p1')).toBe(true);
    expect(await store.open(name)).toEqual({ erased: true });
    expect(await store.openJson(details)).toEqual({ erased: true });
    expect(await store.open(other)).toBe('Alan');
    await store.ensureKey('p1');
    await expect(store.seal('p1', 'again')).rejects.toBeInstanceOf(PersonalDataKeyDestroyed);
    await store.destroyKey('p1', 'second');
    expect(store.destruction('p1')?.reason).toBe('erasure request');
  });
});
