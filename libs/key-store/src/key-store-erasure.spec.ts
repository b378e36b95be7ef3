import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { openWithKey, unwrapDataKey } from './key-crypto';
import { PersonalDataKeyDestroyed } from './key-store.errors';
import { keyStoreMigrations } from './key-store.migrations';
import { PostgresKeyStore } from './postgres-key-store';

/** Every row of every table, as PostgreSQL prints it (bytea as hex): what someone with the database could read. */
const dumpDatabase = async (pool: Pool): Promise<string> => {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const dumps = await Promise.all(
    tables.map(async ({ name }) =>
      (await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`)).rows.map((r) => r.row).join('\n'),
    ),
  );
  return dumps.join('\n');
};

describe('erasure by destroying the data key', () => {
  let db: TestDatabase;
  const m1 = { id: 'm1', key: randomBytes(32) };

  beforeAll(async () => {
    db = await createTestDatabase(keyStoreMigrations);
    // Stand-ins for the event log and a read model, which keep the envelope, never the clear value.
    await db.pool.query(
      `CREATE TABLE fake_events (stream_id text, data jsonb); CREATE TABLE fake_read_model (participant_id text, personal jsonb, note text)`,
    );
  });
  afterAll(() => db.drop());

  it('leaves the envelopes in place, reads them as erased, and keeps no key material anywhere', async () => {
    const store = new PostgresKeyStore(db.pool, [m1]);
    const name = await store.seal('participant-e', 'Margaret Hamilton');
    const contact = await store.seal('participant-e', { phone: '07700 900123', postcode: 'LS1 4AP' });
    const other = await store.seal('participant-keep', 'Katherine Johnson');
    await db.pool.query(`INSERT INTO fake_events VALUES ('participant-e', $1), ('participant-e', $2), ('participant-keep', $3)`, [
      name,
      contact,
      other,
    ]);
    await db.pool.query(`INSERT INTO fake_read_model VALUES ('participant-e', $1, 'called back')`, [{ name, contact }]);

    const before = await dumpDatabase(db.pool);
    expect(before).not.toContain('Margaret');
    expect(before).not.toContain('07700 900123');
    const { rows } = await db.pool.query<{ wrapped_key: Buffer }>(
      `SELECT wrapped_key FROM participant_keys WHERE key_id = 'participant-e'`,
    );
    const wrapped = rows[0].wrapped_key;
    const dataKey = unwrapDataKey(wrapped, m1.key, 'participant-e')!;
    expect(before).toContain(wrapped.toString('hex'));

    await store.destroyKey('participant-e', 'erasure request ER-1');

    expect(await store.open(name)).toEqual({ erased: true });
    expect(await store.openJson(contact)).toEqual({ erased: true });
    const cold = new PostgresKeyStore(db.pool, [m1]);
    expect(await cold.open(name)).toEqual({ erased: true });
    expect(await cold.isDestroyed('participant-e')).toBe(true);
    expect(await cold.open(other)).toBe('Katherine Johnson');

    const { rows: keyRows } = await db.pool.query(`SELECT * FROM participant_keys WHERE key_id = 'participant-e'`);
    expect(keyRows[0]).toMatchObject({
      wrapped_key: null,
      master_key_id: null,
      destroyed_reason: 'erasure request ER-1',
      destroyed_at: expect.any(Date),
    });
    const after = await dumpDatabase(db.pool);
    for (const secret of [wrapped.toString('hex'), dataKey.toString('hex'), dataKey.toString('base64'), 'Margaret', 'LS1 4AP']) {
      expect(after).not.toContain(secret);
    }
    // The envelopes are still there and the destroyed key was the only way into them.
    expect(after).toContain(name.ciphertext);
    expect(openWithKey(dataKey, name)).toBe('Margaret Hamilton');
  });

  it('cannot seal anything new for an erased participant, nor give them a new key', async () => {
    const store = new PostgresKeyStore(db.pool, [m1]);
    await store.destroyKey('participant-never-sealed', 'erased before any personal data was recorded');
    await store.ensureKey('participant-never-sealed');
    await expect(store.seal('participant-never-sealed', 'x')).rejects.toBeInstanceOf(PersonalDataKeyDestroyed);
    await expect(new PostgresKeyStore(db.pool, [m1]).seal('participant-e', 'x')).rejects.toBeInstanceOf(PersonalDataKeyDestroyed);
  });

  it('keeps the first destruction as the proof when a key is destroyed twice', async () => {
    const store = new PostgresKeyStore(db.pool, [m1]);
    await store.seal('participant-twice', 'x');
    await store.destroyKey('participant-twice', 'first');
    const first = (await db.pool.query(`SELECT destroyed_at FROM participant_keys WHERE key_id = 'participant-twice'`)).rows[0]
      .destroyed_at;
    await store.destroyKey('participant-twice', 'second');
    const { rows } = await db.pool.query(`SELECT destroyed_at, destroyed_reason FROM participant_keys WHERE key_id = 'participant-twice'`);
    expect(rows[0]).toEqual({ destroyed_at: first, destroyed_reason: 'first' });
    await expect(store.destroyKey('participant-twice', '  ')).rejects.toThrow(/needs a reason/);
  });

  it('is refused by the database: a destroyed key cannot be restored and no row can be deleted', async () => {
    const store = new PostgresKeyStore(db.pool, [m1]);
    await store.ensureKey('participant-live');
    await expect(
      db.pool.query(
        `UPDATE participant_keys SET wrapped_key = decode(repeat('00', 60), 'hex'), master_key_id = 'm1', destroyed_at = NULL, destroyed_reason = NULL WHERE key_id = 'participant-e'`,
      ),
    ).rejects.toThrow(/cannot be restored/);
    await expect(db.pool.query(`DELETE FROM participant_keys WHERE key_id = 'participant-live'`)).rejects.toThrow(/never deleted/);
    await expect(db.pool.query(`UPDATE participant_keys SET wrapped_key = NULL WHERE key_id = 'participant-live'`)).rejects.toThrow(
      /participant_keys_live_or_destroyed/,
    );
  });

  it('is seen by another process once its cached key expires (the cache TTL bounds that window)', async () => {
    let now = 0;
    const other = new PostgresKeyStore(db.pool, [m1], { ttlMs: 1_000, now: () => now });
    const store = new PostgresKeyStore(db.pool, [m1]);
    const sealed = await store.seal('participant-ttl', 'Dorothy Vaughan');
    expect(await other.open(sealed)).toBe('Dorothy Vaughan');
    await store.destroyKey('participant-ttl', 'erasure request ER-2');
    expect(await other.open(sealed)).toBe('Dorothy Vaughan');
    now += 1_000;
    expect(await other.open(sealed)).toEqual({ erased: true });
  });
});
