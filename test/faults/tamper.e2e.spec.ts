import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  eventStoreMigrations,
  loadCheckpointBasis,
  PostgresEventStore,
  readHeadsFile,
  signingKeyFromSeed,
  takeCheckpoint,
  verifyStreams,
  type CheckpointBasis,
  type NewEvent,
  type StreamProblem,
  type VerifyReport,
} from '@workwell/event-store';
import { createTestDatabase, temporaryDirectories, type TestDatabase } from '@workwell/testing';
import { runCli } from '../support/processes';
import { logDamages, logLines, logOf } from './log-damage';
import { tamperKinds, type Expected } from './tamper-kinds';
import { asOwner, forge, unplaced } from './tamper-owner';

jest.setTimeout(120_000);

const seed = Buffer.alloc(32, 11);
const key = signingKeyFromSeed(seed);
const counted = (n: number): NewEvent => ({ type: 'Counted', schemaVersion: 1, data: { n }, metadata: { actor: 'coach-1' } });
const streamOf = (name: string) => `t-${name}`;
const sitePeople = ['5d1f0a7e-0000-4000-8000-000000000001', '5d1f0a7e-0000-4000-8000-000000000002'];
const tamperDir = temporaryDirectories('ww-tamper-');
const tempDir = (name: string) => fs.mkdtempSync(path.join(tamperDir(), `${name}-`));
const copyDir = (from: string): string => {
  const to = tempDir('copy');
  fs.cpSync(from, to, { recursive: true });
  return to;
};
/** The JSON document a command printed (its progress lines on stderr come first). */
const printed = (output: string) => JSON.parse(output.split('\n').findLast((line) => line.startsWith('{')) ?? 'null');
const found = (problems: readonly StreamProblem[]) =>
  problems.map(({ streamId, version, kind }): Expected => ({ streamId, version, kind }));

describe('tamper evidence against the database owner', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dir: string;
  const stats = { streamKinds: 0, byChain: 0, withCheckpoint: 0, missedBefore: 0, fileKinds: 0, fileFound: 0 };
  const verifyAgainst = async (basis: CheckpointBasis): Promise<VerifyReport> =>
    verifyStreams(store, {
      against: basis.checkpoint && { checkpoint: basis.checkpoint, heads: basis.headsFile ? readHeadsFile(basis.headsFile) : undefined },
    });
  const basisOf = (logDir: string, line?: string) => loadCheckpointBasis({ logFile: logOf(logDir), line }, () => [key.verifying]);
  const cli = async (args: string[], checkpointDir = dir) => {
    const run = runCli(args, {
      DATABASE_URL: db.url,
      WORKWELL_DATA_DIR: tempDir('data'),
      WORKWELL_CHECKPOINT_DIR: checkpointDir,
      WORKWELL_SIGNING_KEY: seed.toString('base64'),
    });
    const code = await run.exited;
    return { code, output: run.output() };
  };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    dir = tempDir('log');
    // One event per append, so that each event has a transaction (and a position) of its own.
    const streams = ['intact', 'grows', 'appended-after', ...tamperKinds.filter((k) => !k.forged).map((k) => k.name)].map(streamOf);
    for (const streamId of [...streams, ...sitePeople.map((id) => `participant-${id}`)])
      for (let version = 0; version < 5; version++) await store.append(streamId, [counted(version + 1)], { expectedVersion: version });
    // Three checkpoints, so that the log has lines to remove from the middle; the newest by the command line.
    expect((await takeCheckpoint(store, { dir, key })).written).toBe(true);
    await store.append(streamOf('grows'), [counted(6)], { expectedVersion: 5 });
    expect((await takeCheckpoint(store, { dir, key })).written).toBe(true);
    await store.append(streamOf('grows'), [counted(7)], { expectedVersion: 6 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('`workwell checkpoint` signs one line, and writes nothing more while nothing changes', async () => {
    const first = await cli(['checkpoint']);
    expect(first.code).toBe(0);
    expect(printed(first.output)).toMatchObject({ written: true, file: logOf(dir), checkpoint: { seq: 3, keyId: key.verifying.keyId } });
    const again = await cli(['checkpoint']);
    expect({ code: again.code, ...printed(again.output) }).toMatchObject({ code: 0, written: false, checkpoint: { seq: 3 } });
    expect(logLines(dir)).toHaveLength(3);
    const publicKey = await cli(['checkpoint', '--public-key']);
    expect(printed(publicKey.output)).toEqual({ keyId: key.verifying.keyId, publicKey: key.verifying.base64 });
  });

  it.each([
    [['verify', '--help'], 0, 'usage: workwell verify [--site <site>] [--checkpoint <file|line>] [--format text|json]'],
    [['checkpoint', '--help'], 0, 'usage: workwell checkpoint [--dir <dir>] [--public-key]'],
    [['verify', '--format', 'xml'], 2, 'workwell: --format must be text or json (got "xml")'],
    [['verify', '--checkpoint', '{"seq": 1}'], 2, 'workwell: --checkpoint is neither a checkpoint log file nor one of its lines'],
  ])('%j exits %i with its text', async (args, exitCode, text) => {
    const { code, output } = await cli(args);
    expect({ code, output: output.split('\n')[0] }).toEqual({ code: exitCode, output: text });
  });

  it('needs the signing key in production, and says so in one line', async () => {
    const run = runCli(['checkpoint'], { NODE_ENV: 'production', DATABASE_URL: db.url, WORKWELL_SIGNING_KEY: undefined });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe(
      'workwell: Configuration error: WORKWELL_SIGNING_KEY is required in production to sign checkpoints (32 random bytes in base64).',
    );
  });

  it('verifies a clean store against its checkpoint, and events appended after it by their chain', async () => {
    await store.append(streamOf('appended-after'), [counted(6), counted(7)], { expectedVersion: 5 });
    await store.append('t-new-after', [counted(1), counted(2), counted(3)], { expectedVersion: 'no_stream' });
    const byHeads = await verifyAgainst(await basisOf(dir));
    expect(byHeads).toMatchObject({ ok: true, problems: [], checkpoint: { seq: 3, by: 'heads', after: { streams: 2, events: 5 } } });
    // An auditor's copy of the line, without the heads file: the root recomputed from the store.
    const byRoot = await verifyAgainst(await basisOf(tempDir('empty'), logLines(dir)[2]));
    expect(byRoot).toMatchObject({ ok: true, checkpoint: { seq: 3, by: 'root', after: { streams: 2, events: 5 }, problems: [] } });
    const { code, output } = await cli(['verify', '--format', 'json']);
    expect({ code, report: printed(output) }).toMatchObject({
      code: 0,
      report: { ok: true, checkpoint: { seq: 3, by: 'heads', after: { streams: 2, events: 5 } }, log: { problems: [] } },
    });
    expect((await cli(['verify'])).output).toContain('5 events in 2 streams appended after it were verified by their chain only');
  });

  it('finds every kind of tampering, each at its stream and version, and says what it could not have seen', async () => {
    const owner = asOwner(db.pool, store);
    await expect(
      owner.query(`UPDATE events SET recorded_at = recorded_at + interval '1 microsecond' WHERE stream_id = 't-intact' AND version = 1`),
    ).rejects.toThrow(/events_recorded_at_in_milliseconds/);
    for (const kind of tamperKinds) await kind.tamper(owner, streamOf(kind.name));
    const chainOnly = await verifyStreams(store);
    const report = await verifyAgainst(await basisOf(dir));
    const expected = tamperKinds.flatMap((kind) => kind.expected(streamOf(kind.name)));
    expect(found(report.problems)).toEqual([...expected].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0)));
    expect(report.checkpoint).toMatchObject({ seq: 3, by: 'heads', after: { streams: 3, events: 6 } });

    const { code, output } = await cli(['verify']);
    expect(code).toBe(1);
    for (const e of expected) expect(output).toContain(`${e.kind}: stream ${e.streamId}, event version ${e.version}: `);
    const json = await cli(['verify', '--format', 'json']);
    expect({ code: json.code, problems: found(printed(json.output).problems) }).toEqual({ code: 1, problems: found(report.problems) });

    const streamsOf = (kind: (typeof tamperKinds)[number]) => new Set(kind.expected(streamOf(kind.name)).map((e) => e.streamId));
    const reported = (problems: readonly StreamProblem[], kind: (typeof tamperKinds)[number]) =>
      problems.some((p) => streamsOf(kind).has(p.streamId));
    stats.streamKinds = tamperKinds.length;
    stats.byChain = tamperKinds.filter((kind) => reported(chainOnly.problems, kind)).length;
    stats.withCheckpoint = tamperKinds.filter((kind) => reported(report.problems, kind)).length;
    stats.missedBefore = tamperKinds.filter((kind) => kind.missedBefore && reported(report.problems, kind)).length;
    expect(stats.withCheckpoint).toBe(tamperKinds.length);
  });

  it('cannot tell a valid forged append after the newest checkpoint from a real one, and says it relied on the chain there', async () => {
    const before = (await verifyAgainst(await basisOf(dir))).checkpoint!.after;
    const [head] = await store.readStream(streamOf('intact'), { fromVersion: 5 });
    await forge(asOwner(db.pool, store), { ...unplaced(head), version: 6, eventId: randomUUID(), data: { n: 6 } }, head.hash);
    const report = await verifyAgainst(await basisOf(dir));
    expect(report.problems.filter((p) => p.streamId === streamOf('intact'))).toEqual([]);
    expect(report.checkpoint!.after).toEqual({ streams: before.streams + 1, events: before.events + 1 });
  });

  it('compares one site with the checkpoint too (as the caseload knows its participants)', async () => {
    await db.pool.query(`CREATE TABLE caseload (participant_id uuid PRIMARY KEY, site_id text NOT NULL)`);
    await db.pool.query(`INSERT INTO caseload VALUES ($1, 'leeds'), ($2, 'leeds')`, sitePeople);
    expect((await cli(['verify', '--site', 'leeds'])).code).toBe(0);
    await asOwner(db.pool, store).query(`DELETE FROM events WHERE stream_id = $1`, [`participant-${sitePeople[1]}`]);
    const { code, output } = await cli(['verify', '--site', 'leeds', '--format', 'json']);
    expect({ code, report: printed(output) }).toMatchObject({
      code: 1,
      report: { site: 'leeds', streams: 1, problems: [{ streamId: `participant-${sitePeople[1]}`, version: 5, kind: 'deleted' }] },
    });
  });

  it.each(logDamages)('finds a %s', async (_name, damage, finding) => {
    const copy = copyDir(dir);
    await damage(copy);
    const { code, output } = await cli(['verify', '--checkpoint', logOf(copy)], copy);
    expect(code).toBe(1);
    expect(output).toMatch(finding);
    stats.fileKinds++;
    if (code === 1 && finding.test(output)) stats.fileFound++;
  });

  it("finds the tampering from an auditor's copy of the newest line when the whole log is gone, but cannot name the streams", async () => {
    const line = logLines(dir)[2];
    const { code, output } = await cli(['verify', '--checkpoint', line], tempDir('gone'));
    expect(code).toBe(1);
    expect(output).toMatch(/checkpoint: the store does not hash to the root checkpoint 3 signed/);
    expect(output).toContain('note: the heads of checkpoint 3');
    const withoutCopy = await cli(['verify', '--format', 'json'], tempDir('gone'));
    expect(printed(withoutCopy.output)).toMatchObject({ checkpoint: null, notes: [expect.stringContaining('no checkpoint log at')] });
    stats.fileKinds++;
    stats.fileFound += code === 1 ? 1 : 0;
  });

  it('refuses to sign a store that lost what the previous checkpoint signed', async () => {
    const { code, output } = await cli(['checkpoint']);
    expect(code).toBe(1);
    expect(output).toContain('truncated: stream t-newest-event-deleted, event version 5');
    expect(logLines(dir)).toHaveLength(3);
    const tried = stats.streamKinds + stats.fileKinds;
    process.stderr.write(
      `tamper: ${tried} kinds tried, ${stats.withCheckpoint + stats.fileFound} found (${stats.streamKinds} in the store: ${stats.byChain} by the chain alone, ${stats.withCheckpoint} with the signed checkpoint, ${stats.missedBefore} of them missed before it; ${stats.fileKinds} in the checkpoint log: ${stats.fileFound} found)\n`,
    );
  });
});
