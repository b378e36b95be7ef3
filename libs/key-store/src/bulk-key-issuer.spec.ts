import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { BulkKeyIssuer } from './bulk-key-issuer';
import { keyStoreMigrations } from './key-store.migrations';
import { PostgresKeyStore } from './postgres-key-store';

describe('BulkKeyIssuer', () => {
  let db: TestDatabase;
  const masterKeys = [{ id: 'm1', key: Buffer.alloc(32, 5) }];
  beforeAll(async () => {
    db = await createTestDatabase(keyStoreMigrations);
  });
  afterAll(() => db.drop());

  it('seals without waiting on the database, and the flushed keys open what it sealed', async () => {
    const issuer = new BulkKeyIssuer(masterKeys);
    const a = issuer.seal('participant-key:a', { name: 'Ada' });
    const b = issuer.seal('participant-key:b', 'free text');
    const a2 = issuer.seal('participant-key:a', 'second field');
    expect(await issuer.flush(db.pool)).toBe(2);
    const store = new PostgresKeyStore(db.pool, masterKeys);
    expect(await store.openJson(a)).toEqual({ name: 'Ada' });
    expect(await store.open(b)).toBe('free text');
    expect(await store.open(a2)).toBe('second field');
    await store.destroyKey('participant-key:a', 'erasure-request');
    expect(await store.open(a)).toEqual({ erased: true });
  });
});
