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

describe.each([1, 2])('an import on %i thread(s) stopped half-way', (threads) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-crash-'));
  const file = path.join(dir, 'leeds.jsonl');
  let source: Engine;
  let target: Engine;
  const run = (onProgress?: (progress: { imported: number }) => void) =>
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
      onProgress,
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
    const failure = new Error('power cut');
    await expect(
      run(({ imported }) => {
        if (imported >= 30) throw failure;
      }),
    ).rejects.toThrow(/power cut/);

    const expected = await histories(source.store, source.keys);
    const partial = await histories(target.store, target.keys);
    expect(partial.size).toBeGreaterThanOrEqual(30);
    expect(partial.size).toBeLessThan(120);
    // Every participant there is all there, nothing of the others.
    for (const [streamId, history] of partial) expect(history).toBe(expected.get(streamId));
    // The run had written keys ahead of events that never committed: the next run must use those.
    const { rows } = await target.db.pool.query<{ key_id: string }>('SELECT key_id FROM participant_keys');
    const withStreams = new Set([...partial.keys()].map((streamId) => participantKeyId(streamId.slice(PARTICIPANT_STREAM_PREFIX.length))));
    expect(rows.filter((row) => !withStreams.has(row.key_id)).length).toBeGreaterThan(0);
    expect(await unfinishedImports(target.store)).toHaveLength(1);

    const finished = await run();
    expect(finished.participants).toEqual({ imported: 120 - partial.size, alreadyImported: partial.size, rejected: 0 });
    expect(await histories(target.store, target.keys)).toEqual(expected);
    expect(await unfinishedImports(target.store)).toEqual([]);
  });
});
