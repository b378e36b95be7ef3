import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { participantKeyId } from '@workwell/domain';
import { PostgresKeyStore } from '@workwell/key-store';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase } from '@workwell/testing';
import { call } from '../api/http.support';
import { referral } from '../support/journey-requests';
import { startEngine } from '../support/engine-harness';
import { runCli } from '../support/processes';

/** The key procedures of docs/operations.md, run as an operator would run them. */
const cli = async (args: string[], env: Record<string, string>) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-runbook-'));
  const run = runCli(args, { WORKWELL_DATA_DIR: dataDir, ...env });
  const code = await run.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { code, output: run.output() };
};

const masterKey = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });
const ring = (...keys: { id: string; key: Buffer }[]) => keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

describe('master key rotation: workwell rewrap-keys', () => {
  it('moves every live data key to the newest master key, after which the old one can go', async () => {
    const db = await createTestDatabase(allMigrations);
    try {
      const [old, next] = [masterKey('2025-01', 3), masterKey('2026-12', 4)];
      const before = new PostgresKeyStore(db.pool, [old]);
      const sealed = await Promise.all(['p-1', 'p-2', 'p-3'].map((id) => before.seal(`participant-${id}`, `name of ${id}`)));
      await before.destroyKey('participant-p-3', 'erasure-request');

      const run = await cli(['rewrap-keys'], { DATABASE_URL: db.url, WORKWELL_MASTER_KEYS: ring(next, old) });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.output.trim().split('\n').pop()!)).toEqual({ moved: 2, liveKeysByMasterKey: { '2026-12': 2 } });

      const after = new PostgresKeyStore(db.pool, [next]);
      expect(await after.open(sealed[0])).toBe('name of p-1');
      expect(await after.open(sealed[2])).toEqual({ erased: true });
    } finally {
      await db.drop();
    }
  });
});

describe('restoring an old key-store backup: workwell rebuild key-shredder', () => {
  it('destroys again the keys of every participant the event log says was erased', async () => {
    const engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    try {
      const coach = await engine.token('coach', 'leeds');
      const admin = await engine.token('admin');
      const referred = await call(engine, 'POST', '/participants', { token: coach, body: referral() });
      const participant = referred.body.participantId as string;
      const keyId = participantKeyId(participant);
      const { rows: backup } = await engine.db.pool.query('SELECT * FROM participant_keys WHERE key_id = $1', [keyId]);
      expect(backup[0].wrapped_key).not.toBeNull();
      const erased = await call(engine, 'POST', `/participants/${participant}/erasure`, {
        token: admin,
        body: { occurredAt: '2026-05-01T10:00:00Z', reasonCode: 'erasure-request' },
      });
      expect(erased.status).toBe(200);
      await engine.caughtUp();

      // What a restore of the key store from before the erasure does: the row comes back as it was (the guard trigger sees no UPDATE).
      await engine.db.pool.query(`ALTER TABLE participant_keys DISABLE TRIGGER participant_keys_guard`);
      await engine.db.pool.query(
        `UPDATE participant_keys SET wrapped_key = $2, master_key_id = $3, destroyed_at = NULL, destroyed_reason = NULL WHERE key_id = $1`,
        [keyId, backup[0].wrapped_key, backup[0].master_key_id],
      );
      await engine.db.pool.query(`ALTER TABLE participant_keys ENABLE TRIGGER participant_keys_guard`);
      const { rows: sealedRows } = await engine.db.pool.query(`SELECT data FROM events WHERE type = 'ParticipantReferred'`);
      const details = sealedRows[0].data.personalDetails;
      expect(await new PostgresKeyStore(engine.db.pool, engine.secrets.masterKeys).openJson(details)).toMatchObject({
        name: 'Sam Example',
      });

      const unerased = `SELECT count(*)::int AS keys FROM participant_keys
                          WHERE wrapped_key IS NOT NULL AND key_id IN (SELECT data->>'keyId' FROM events WHERE type = 'ParticipantErased')`;
      expect((await engine.db.pool.query(unerased)).rows[0].keys).toBe(1);
      const run = await cli(['rebuild', 'key-shredder'], { DATABASE_URL: engine.db.url });
      expect(run.code).toBe(0);
      expect((await engine.db.pool.query(unerased)).rows[0].keys).toBe(0);
      expect(await new PostgresKeyStore(engine.db.pool, engine.secrets.masterKeys).openJson(details)).toEqual({ erased: true });
    } finally {
      await engine.stop();
    }
  });
});
