import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PARTICIPANT_STREAM_PREFIX } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import { importInterchangeFile } from '@workwell/interchange';
import { admin, copyOf, exampleFile, masterKeys, openEngine, rejections, writeFile, type Engine } from './interchange-files';

jest.setTimeout(120_000);

const NOW = new Date('2025-07-01T12:00:00Z');

const histories = async (store: EventStore): Promise<Record<string, string[]>> => {
  const result: Record<string, string[]> = {};
  for await (const stream of store.streams({ prefix: PARTICIPANT_STREAM_PREFIX }))
    result[stream.streamId] = stream.events.map((e) => `${e.type} ${e.recordedAt} ${JSON.stringify(e.metadata.importedFrom)}`);
  return result;
};

describe('an import on several threads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-threads-'));
  const { header, rows } = exampleFile();
  // Many participants, one of them broken, one whose rows come again at the end (in the last part): two rejected.
  const many = Array.from({ length: 24 }, (_, i) =>
    copyOf(rows, i % 2 ? 'ELM-000101' : 'ELM-000102', `ELM-1${String(i).padStart(4, '0')}`, 1000 + 100 * i),
  );
  const broken = copyOf(rows, 'ELM-000101', 'ELM-BROKEN', 5000).filter((row) => row.type !== 'TriageReferral');
  const again = copyOf(rows, 'ELM-000102', 'ELM-10000', 6000);
  // Rows that are no JSON but begin like one: they stand alone, whoever they seem to name.
  const cutShort = (row: number, participantRef: string) => `{"row":${row},"participantRef":"${participantRef}","type":`;
  const [first, ...rest] = many;
  const file = writeFile(path.join(dir, 'many.jsonl'), header, [
    ...first.slice(0, 2),
    cutShort(7000, first[0].participantRef),
    cutShort(7001, 'ELM-10020'),
    ...first.slice(2),
    ...rest.slice(0, 4).flat(),
    ...broken,
    ...rest.slice(4).flat(),
    ...again,
  ]);
  let engines: Engine[] = [];
  const importWith = (engine: Engine, threads: number, name: string, dryRun = false) =>
    importInterchangeFile(engine.store, {
      file,
      rejectionsFile: path.join(dir, name),
      keyStore: engine.keys,
      masterKeys,
      importedBy: admin,
      now: NOW,
      threads,
      dryRun,
      participantsPerBatch: 4,
    });

  beforeAll(async () => {
    engines = await Promise.all([openEngine(), openEngine()]);
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('decides, rejects and writes as one thread does, a participant split across parts included', async () => {
    const [one, three] = [await importWith(engines[0], 1, 'one.csv'), await importWith(engines[1], 3, 'three.csv')];
    expect(one.participants).toEqual({ imported: 24, alreadyImported: 0, rejected: 2 });
    const { rejections: _one, seconds: _s1, eventsPerSecond: _e1, ...counts } = one;
    const { rejections: _three, seconds: _s3, eventsPerSecond: _e3, ...threaded } = three;
    expect(threaded).toEqual({ ...counts, participants: { imported: 24, alreadyImported: 0, rejected: 2 } });
    const byRow = (report: ReturnType<typeof rejections>) => [...report].sort((a, b) => a.row - b.row);
    const report = byRow(rejections(three.rejections.file));
    expect(report).toEqual(byRow(rejections(one.rejections.file)));
    expect(new Set(report.map((r) => r.code))).toEqual(
      new Set(['ROW_NOT_JSON', 'LATER_ROW_REJECTED', 'TRIAGE_NOT_ACCEPTED', 'PREVIOUS_ROW_REJECTED', 'PARTICIPANT_ROWS_SPLIT']),
    );
    expect(report.filter((r) => r.code === 'PARTICIPANT_ROWS_SPLIT')).toHaveLength(again.length);
    expect(report.filter((r) => r.code === 'ROW_NOT_JSON').map((r) => r.participant)).toEqual(['', '']);
    expect(await histories(engines[1].store)).toEqual(await histories(engines[0].store));
  });

  it('imports nothing twice, and writes nothing on a dry run', async () => {
    expect((await importWith(engines[1], 3, 'again.csv')).participants).toEqual({ imported: 0, alreadyImported: 24, rejected: 2 });
    const empty = await openEngine();
    try {
      const dry = await importWith(empty, 3, 'dry.csv', true);
      expect(dry.participants).toEqual({ imported: 24, alreadyImported: 0, rejected: 2 });
      const counts = await empty.db.pool.query(
        'SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM participant_keys)::int AS keys',
      );
      expect(counts.rows[0]).toEqual({ events: 0, keys: 0 });
    } finally {
      await empty.close();
    }
  });
});
