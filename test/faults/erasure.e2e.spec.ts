import { participantKeyId, type SealedPersonalData } from '@workwell/domain';
import { PostgresKeyStore } from '@workwell/key-store';
import { referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';
import { participantEndpoints } from '../api/endpoints.support';
import { call } from '../api/http.support';

/**
 * The fault suite's rows on erasure: another API process served the erased participant's name for
 * up to 10 s (its key cache), and some commands on an erased participant answered 500 (sealing
 * under the destroyed key) or were accepted. The key now leaves every listening cache as the
 * erasure commits, and every command is refused with the journey rule.
 */
describe('erasure everywhere at once', () => {
  let engine: Engine;
  let other: PostgresKeyStore;
  let participantId: string;
  let coach: string;

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-06-01T09:00:00Z') });
    // Another API process: its cache would keep the key for ten minutes were it not told.
    other = new PostgresKeyStore(engine.db.pool, engine.secrets.masterKeys, { ttlMs: 600_000, listenForErasures: true });
    coach = await engine.token('coach', 'leeds');
    participantId = (await call(engine, 'POST', '/participants', { token: coach, body: referral() })).body.participantId as string;
  });
  afterAll(async () => {
    await other.close();
    await engine.stop();
  });

  it("drops the erased participant's key from another process's cache when the erasure commits", async () => {
    const { rows } = await engine.db.pool.query<{ data: { personalDetails: SealedPersonalData } }>(
      `SELECT data FROM events WHERE stream_id = $1 AND version = 1`,
      [`participant-${participantId}`],
    );
    const envelope = rows[0].data.personalDetails;
    // Listening, and the key in the other process's cache.
    for (;;) {
      const { rows: listeners } = await engine.db.pool.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'workwell-key-erasures'`,
      );
      if (listeners.length > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(JSON.parse((await other.open(envelope)) as string).name).toBe('Sam Example');
    const admin = await engine.token('admin');
    const erased = await call(engine, 'POST', `/participants/${participantId}/erasure`, {
      token: admin,
      body: { occurredAt: '2026-05-31T10:00:00Z', reasonCode: 'erasure-request' },
    });
    expect(erased.status).toBe(200);
    const erasure = erased.body.erasure as { keyDestroyedAt: string; unreadableEverywhereBy: string };
    expect(Date.parse(erasure.unreadableEverywhereBy)).toBeGreaterThan(Date.parse(erasure.keyDestroyedAt));
    // Only the notification can clear a ten-minute cache; the test waits for it, however slow the machine.
    for (let opened = await other.open(envelope); typeof opened === 'string'; opened = await other.open(envelope)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await other.open(envelope)).toEqual({ erased: true });
    expect(await other.isDestroyed(participantKeyId(participantId))).toBe(true);
  });

  it('refuses every command on the erased participant with 422 PARTICIPANT_ERASED, personal data or not, and records nothing', async () => {
    const before = Number((await engine.db.pool.query('SELECT count(*) FROM events')).rows[0].count);
    const posts = participantEndpoints(participantId).filter(
      (endpoint) => endpoint.method === 'POST' && !endpoint.path.endsWith('/erasure'),
    );
    const withNotes = [
      {
        path: `/participants/${participantId}/sessions`,
        body: { occurredAt: '2026-05-31T11:00:00Z', mode: 'phone', durationMinutes: 20, notes: 'Talked about work' },
      },
    ];
    for (const endpoint of [...posts, ...withNotes]) {
      const answer = await call(engine, 'POST', endpoint.path, { token: coach, body: endpoint.body });
      expect({ path: endpoint.path, status: answer.status, code: answer.body.code }).toEqual({
        path: endpoint.path,
        status: 422,
        code: 'PARTICIPANT_ERASED',
      });
    }
    const again = await call(engine, 'POST', '/participants', { token: coach, body: referral({ participantId }) });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 422, code: 'PARTICIPANT_ERASED' });
    expect(Number((await engine.db.pool.query('SELECT count(*) FROM events')).rows[0].count)).toBe(before);
  });
});
