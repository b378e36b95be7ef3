import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { participantKeyId, participantStreamId } from '@workwell/domain';
import { readWholeStream } from '@workwell/event-store';
import { IMPORT_RUNS_STREAM, importInterchangeFile, INTERCHANGE_NAMESPACE, uuidV5 } from '@workwell/interchange';
import { admin, copyOf, exampleFile, masterKeys, openEngine, rejections, writeFile, type Engine, type Row } from './interchange-files';

jest.setTimeout(60_000);

const NOW = new Date('2025-07-01T12:00:00Z');
const idOf = (ref: string) => uuidV5(`elemental\n${ref}`, INTERCHANGE_NAMESPACE);

describe('workwell import of a history file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-import-'));
  const { header, rows } = exampleFile();
  const alex = rows.filter((row) => row.participantRef === 'ELM-000101');
  const york = { userId: 'coach-york-2', role: 'coach', organisation: 'york-trust' };
  // Each broken participant is a copy of a valid one with one thing wrong.
  const broken: (Row | string)[] = [
    // A first appointment without an accepted triage: the journey's order.
    ...copyOf(rows, 'ELM-000101', 'ELM-000201', 101).filter((row) => row.type !== 'TriageReferral'),
    ...copyOf(rows, 'ELM-000102', 'ELM-000202', 201).map((row) =>
      row.type === 'ReferParticipant'
        ? { ...row, data: { ...row.data, personalDetails: { ...(row.data.personalDetails as object), nhsNumber: '1234567890' } } }
        : row,
    ),
    '{"row": 301, "participantRef": ',
    { ...copyOf(rows, 'ELM-000102', 'ELM-000204', 401)[0], type: 'ReferSomebody' },
    ...copyOf(rows, 'ELM-000102', 'ELM-000205', 501).map((row) =>
      row.type === 'TriageReferral' ? { ...row, site: 'york', recordedBy: york } : row,
    ),
    ...copyOf(rows, 'ELM-000102', 'ELM-000206', 601).map((row, i) => (i === 2 ? { ...row, recordedAt: '2025-03-08T09:00:00.000Z' } : row)),
  ];
  const file = writeFile(path.join(dir, 'leeds.jsonl'), header, [...rows, ...broken]);
  let engine: Engine;
  let first: Awaited<ReturnType<typeof importInterchangeFile>>;
  const importFile = (target: Engine, name: string, options: { dryRun?: boolean; file?: string } = {}) =>
    importInterchangeFile(target.store, {
      file: options.file ?? file,
      rejectionsFile: path.join(dir, name),
      keyStore: target.keys,
      masterKeys,
      importedBy: admin,
      now: NOW,
      dryRun: options.dryRun,
    });

  beforeAll(async () => {
    engine = await openEngine();
    first = await importFile(engine, 'first.csv');
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the valid participants and reports every row of the broken ones with its rule code', async () => {
    expect(first).toMatchObject({
      participants: { imported: 2, alreadyImported: 0, rejected: 5 },
      rows: { imported: 15 },
      dryRun: false,
      source: { system: 'elemental' },
    });
    const report = rejections(first.rejections.file);
    const codeOf = (participant: string) => report.filter((r) => r.participant === participant).map((r) => r.code);
    expect(codeOf('ELM-000201')).toEqual([
      ...Array(2).fill('LATER_ROW_REJECTED'),
      'TRIAGE_NOT_ACCEPTED',
      ...Array(8).fill('PREVIOUS_ROW_REJECTED'),
    ]);
    expect(codeOf('ELM-000202')).toEqual(['VALIDATION_FAILED', 'PREVIOUS_ROW_REJECTED', 'PREVIOUS_ROW_REJECTED']);
    expect(report.find((r) => r.row === 302 || r.participant === '')).toMatchObject({ participant: '', code: 'ROW_NOT_JSON' });
    expect(codeOf('ELM-000204')).toEqual(['UNKNOWN_COMMAND']);
    expect(codeOf('ELM-000205')).toEqual(['LATER_ROW_REJECTED', 'LATER_ROW_REJECTED', 'RECORDER_OTHER_SITE']);
    expect(codeOf('ELM-000206')).toEqual(['LATER_ROW_REJECTED', 'LATER_ROW_REJECTED', 'RECORDED_OUT_OF_ORDER']);
    expect(first.rows.rejected).toBe(report.length);
    expect(fs.readFileSync(first.rejections.file, 'utf8')).toContain(
      'ELM-000201,TRIAGE_NOT_ACCEPTED,"The referral has not been triaged yet, so no first appointment can be recorded."',
    );
    for (const ref of ['ELM-000201', 'ELM-000202', 'ELM-000205'])
      expect(await readWholeStream(engine.store, participantStreamId(idOf(ref)))).toEqual([]);
  });

  it('keeps each row as recorded: business and recording times, recorder, where it came from; personal data sealed under a fresh key', async () => {
    const stored = await readWholeStream(engine.store, participantStreamId(idOf('ELM-000101')));
    expect(stored.map((event) => event.recordedAt)).toEqual(
      alex.flatMap((row) => (row.type === 'RecordEmployerLiaison' ? [row.recordedAt, row.recordedAt] : [row.recordedAt])),
    );
    expect(stored[0].metadata).toMatchObject({
      occurredAt: alex[0].occurredAt,
      actor: { userId: 'coach-leeds-04', role: 'coach', organisation: 'leeds-community-healthcare', site: 'leeds' },
      importedFrom: { system: 'elemental', file: first.sha256, row: 1, participantRef: 'ELM-000101' },
    });
    expect(stored.at(-1)!.metadata.importedFrom).toEqual({ system: 'elemental', file: first.sha256, row: 12 });
    const referral = stored[0].data as { personalDetails: { keyId: string } };
    expect(referral.personalDetails.keyId).toBe(participantKeyId(idOf('ELM-000101')));
    expect(await engine.keys.openJson(referral.personalDetails as never)).toMatchObject({ name: 'Alex Example', nhsNumber: '9434765919' });
    expect(JSON.stringify(stored)).not.toContain('Alex Example');
  });

  it('imports nothing on a second run of the same file, and says which participants it found already imported', async () => {
    const { rows: eventsBefore } = await engine.db.pool.query('SELECT count(*)::int AS n FROM events');
    const again = await importFile(engine, 'second.csv');
    expect(again).toMatchObject({ participants: { imported: 0, alreadyImported: 2, rejected: 5 }, events: 0 });
    const { rows: eventsAfter } = await engine.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE stream_id <> '${IMPORT_RUNS_STREAM}'`,
    );
    expect(eventsAfter[0].n).toBe(eventsBefore[0].n - 2);
    // Fixed, the broken participant comes in; the others are found again.
    const fixed = writeFile(path.join(dir, 'fixed.jsonl'), header, [...rows, ...copyOf(rows, 'ELM-000101', 'ELM-000201', 101)]);
    expect(await importFile(engine, 'fixed.csv', { file: fixed })).toMatchObject({
      participants: { imported: 1, alreadyImported: 2, rejected: 0 },
    });
  });

  it('validates without writing on a dry run', async () => {
    const empty = await openEngine();
    try {
      const dry = await importFile(empty, 'dry.csv', { dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, participants: first.participants, rows: first.rows, events: first.events });
      expect(rejections(dry.rejections.file)).toEqual(rejections(first.rejections.file));
      const counts = await empty.db.pool.query(
        'SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM participant_keys)::int AS keys',
      );
      expect(counts.rows[0]).toEqual({ events: 0, keys: 0 });
    } finally {
      await empty.close();
    }
  });
});
