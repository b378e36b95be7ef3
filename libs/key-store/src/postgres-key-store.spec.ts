import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { keyStoreMigrations } from './key-store.migrations';
import { MasterKeyMismatch, PersonalDataKeyMissing, SealedDataCorrupted, UnknownMasterKey } from './key-store.errors';
import { PostgresKeyStore } from './postgres-key-store';
import type { SealedPersonalData } from './personal-data.types';

const masterKey = (id: string) => ({ id, key: randomBytes(32) });

describe('PostgresKeyStore', () => {
  let db: TestDatabase;
  const m1 = masterKey('m1');
  let store: PostgresKeyStore;

  beforeAll(async () => {
    db = await createTestDatabase(keyStoreMigrations);
    store = new PostgresKeyStore(db.pool, [m1]);
  });
  afterAll(() => db.drop());

  it('seals and opens text and JSON, from a cold store too', async () => {
    const name = await store.seal('participant-rt', 'Ada Lovelace');
    const details = await store.seal('participant-rt', { name: 'Ada', nhsNumber: '943 476 5919' });
    expect(name).toEqual({
      sealed: 'aes-256-gcm',
      keyId: 'participant-rt',
      iv: expect.any(String),
      ciphertext: expect.any(String),
      tag: expect.any(String),
    });
    expect(JSON.stringify(details)).not.toContain('943 476 5919');
    const cold = new PostgresKeyStore(db.pool, [m1]);
    expect(await cold.open(name)).toBe('Ada Lovelace');
    expect(await cold.openJson(details)).toEqual({ name: 'Ada', nhsNumber: '943 476 5919' });
    expect(await cold.open({ erased: true })).toEqual({ erased: true });
  });

  it('uses a fresh nonce each time and a different key per participant', async () => {
    const a1 = await store.seal('participant-a', 'same text');
    const a2 = await store.seal('participant-a', 'same text');
    const b = await store.seal('participant-b', 'same text');
    expect(a1.iv).not.toBe(a2.iv);
    expect(a1.ciphertext).not.toBe(a2.ciphertext);
    const { rows } = await db.pool.query(
      `SELECT key_id, wrapped_key FROM participant_keys WHERE key_id IN ('participant-a', 'participant-b')`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].wrapped_key.equals(rows[1].wrapped_key)).toBe(false);
    // An envelope relabelled as another participant's does not decrypt: the key id is authenticated.
    await expect(store.open({ ...b, keyId: 'participant-a' })).rejects.toBeInstanceOf(SealedDataCorrupted);
  });

  it('creates exactly one key when many processes ensure it at once', async () => {
    const stores = Array.from({ length: 5 }, () => new PostgresKeyStore(db.pool, [m1]));
    await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 5].ensureKey('participant-race')));
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM participant_keys WHERE key_id = 'participant-race'`);
    expect(rows[0].n).toBe(1);
    const sealed = await Promise.all(stores.map((s, i) => s.seal('participant-race', `from ${i}`)));
    for (const reader of stores) {
      expect(await Promise.all(sealed.map((e) => reader.open(e)))).toEqual(['from 0', 'from 1', 'from 2', 'from 3', 'from 4']);
    }
  });

  it('refuses to open with a different master key under the same id, or an unknown id', async () => {
    const sealed = await store.seal('participant-mk', 'secret');
    await expect(new PostgresKeyStore(db.pool, [masterKey('m1')]).open(sealed)).rejects.toBeInstanceOf(MasterKeyMismatch);
    await expect(new PostgresKeyStore(db.pool, [masterKey('other')]).open(sealed)).rejects.toBeInstanceOf(UnknownMasterKey);
  });

  it('tells tampering apart from erasure', async () => {
    const sealed = await store.seal('participant-t', 'Grace Hopper');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    const tampered: SealedPersonalData[] = [
      { ...sealed, ciphertext: flip(sealed.ciphertext) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, ciphertext: sealed.ciphertext.slice(4) },
      { ...sealed, tag: 'not base64!' },
    ];
    for (const envelope of tampered) await expect(store.open(envelope)).rejects.toBeInstanceOf(SealedDataCorrupted);
    await expect(store.open({ ...sealed, keyId: 'never-created' })).rejects.toBeInstanceOf(PersonalDataKeyMissing);
    expect(await store.open(sealed)).toBe('Grace Hopper');
  });

  it('rotates the master key: rewrap moves every live key, old envelopes still open, destroyed keys stay destroyed', async () => {
    const rotationDb = await createTestDatabase(keyStoreMigrations);
    try {
      const old = masterKey('2025');
      const next = masterKey('2026');
      const before = new PostgresKeyStore(rotationDb.pool, [old]);
      const sealed = await Promise.all(['p1', 'p2', 'p3'].map((id) => before.seal(id, `name of ${id}`)));
      await before.destroyKey('p3', 'erasure request');

      const during = new PostgresKeyStore(rotationDb.pool, [next, old]);
      await during.seal('p4', 'new participant');
      expect(await during.rewrap()).toBe(2);
      expect(await during.rewrap()).toBe(0);
      const { rows } = await rotationDb.pool.query(`SELECT key_id, master_key_id FROM participant_keys ORDER BY key_id`);
      expect(rows).toEqual([
        { key_id: 'p1', master_key_id: '2026' },
        { key_id: 'p2', master_key_id: '2026' },
        { key_id: 'p3', master_key_id: null },
        { key_id: 'p4', master_key_id: '2026' },
      ]);

      const after = new PostgresKeyStore(rotationDb.pool, [next]);
      expect(await Promise.all(sealed.map((e) => after.open(e)))).toEqual(['name of p1', 'name of p2', { erased: true }]);
    } finally {
      await rotationDb.drop();
    }
  });

  it('rejects a master key ring it cannot use', () => {
    expect(() => new PostgresKeyStore(db.pool, [])).toThrow(/at least one master key/);
    expect(() => new PostgresKeyStore(db.pool, [{ id: 'short', key: randomBytes(16) }])).toThrow(/16 bytes, not 32/);
    expect(() => new PostgresKeyStore(db.pool, [m1, m1])).toThrow(/appears twice/);
  });
});
