import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PARTICIPANT_STREAM_PREFIX, participantKeyId } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import { exportInterchangeFile, importInterchangeFile, importSyntheticJourneys, unfinishedImports } from '@workwell/interchange';
import type { KeyStore } from '@workwell/key-store';
import { admin, masterKeys, openEngine, type Engine } from './interchange-files';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-01T12:00:00Z');

/** Each participant's events, personal data opened: equal in two stores only if nothing was lost or sealed under a lost key. */
const histories = async (store: EventStore, keys: KeyStore): Promise<Map<string, string>> => {
  const open = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(open));
    if (typeof value !== 'object' || value === null) return value;
    if ((value as { sealed?: unknown }).sealed === 'aes-256-gcm') return keys.open(value as never);
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await open(v)])));
  };
  const result = new Map<string, string>();
  for await (const stream of store.streams({ prefix: PARTICIPANT_STREAM_PREFIX }))
    result.set(
      stream.streamId,
      JSON.stringify(await Promise.all(stream.events.map(async (e) => [e.type, e.recordedAt, await open(e.data)]))),
    );
  return result;
};

describe.each([1, 2])('an import on %i thread(s) that fails half-way', (threads) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-crash-'));
  const file = path.join(dir, 'leeds.jsonl');
  let source: Engine;
  let target: Engine;
  const run = () =>
    importInterchangeFile(target.store, {
      file,
      rejectionsFile: path.join(dir, 'rejections.csv'),
      keyStore: target.keys,
      masterKeys,
      importedBy: admin,
      now: NOW,
      participantsPerBatch: 10,
      eventsPerTransaction: 100,
      threads,
    });

  beforeAll(async () => {
    [source, target] = await Promise.all([openEngine(), openEngine()]);
    await importSyntheticJourneys(source.db.pool, source.store, {
      participants: 120,
      seed: 5,
      sites: ['leeds'],
      now: NOW,
      masterKeys,
      threads: 1,
    });
    await exportInterchangeFile(source.store, {
      out: file,
      siteId: 'leeds',
      keyStore: source.keys,
      exportedBy: admin,
      recipient: 'leeds',
      now: NOW,
    });
  });
  afterAll(async () => {
    await Promise.all([source.close(), target.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves whole participants only, and the next run brings in the rest under the keys the first one left', async () => {
    const expected = await histories(source.store, source.keys);
    // The server fails the transaction that holds the 45th participant's first event, as a full disk would, half-way
    // through the file; with two threads the other one is stopped wherever it is. That participant's key was written
    // before their events, as every key is: the next run must seal with it.
    const cut = [...expected.keys()].sort()[44];
    await target.db.pool.query(`
      CREATE FUNCTION power_cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'power cut'; END $$;
      CREATE TRIGGER power_cut BEFORE INSERT ON events FOR EACH ROW
        WHEN (NEW.stream_id = '${cut}' AND NEW.version = 1) EXECUTE FUNCTION power_cut();`);
    await expect(run()).rejects.toThrow(/power cut/);
    await target.db.pool.query('DROP TRIGGER power_cut ON events; DROP FUNCTION power_cut();');

    const partial = await histories(target.store, target.keys);
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.has(cut)).toBe(false);
    // Every participant there is all there, nothing of the others.
    for (const [streamId, history] of partial) expect(history).toBe(expected.get(streamId));
    // The run had written keys ahead of events that never committed: the next run must use those.
    const { rows } = await target.db.pool.query<{ key_id: string }>('SELECT key_id FROM participant_keys');
    const withStreams = new Set([...partial.keys()].map((streamId) => participantKeyId(streamId.slice(PARTICIPANT_STREAM_PREFIX.length))));
    const keysAhead = rows.map((row) => row.key_id).filter((keyId) => !withStreams.has(keyId));
    expect(keysAhead).toContain(participantKeyId(cut.slice(PARTICIPANT_STREAM_PREFIX.length)));
    expect(await unfinishedImports(target.store)).toHaveLength(1);

    const finished = await run();
    expect(finished.participants).toEqual({ imported: 120 - partial.size, alreadyImported: partial.size, rejected: 0 });
    expect(await histories(target.store, target.keys)).toEqual(expected);
    expect(await unfinishedImports(target.store)).toEqual([]);
  });
});
