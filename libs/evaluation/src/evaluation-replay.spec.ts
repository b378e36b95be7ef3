import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  coded,
  CHECKPOINTS,
  OUTCOME_EMPLOYMENT_STATUSES,
  OUTCOME_SOURCES,
  type OutcomeRecord,
  participantStreamId,
  type SealedPersonalData,
} from '@workwell/domain';
import { generateJourneys, replayCommands } from '@workwell/synthetic';
import {
  bulkImport,
  type EventStore,
  eventStoreMigrations,
  latestRecordedAtThroughReads,
  pagesThroughReadAll,
  PostgresEventStore,
  streamsThroughReads,
} from '@workwell/event-store';
import { JourneyCommandRunner } from '@workwell/commands';
import { InMemoryKeyStore } from '@workwell/key-store';
import { createTestDatabase, temporaryDirectories, type TestDatabase } from '@workwell/testing';
import { carry } from '@workwell/synthetic';
import { parseAsOf } from './as-of.values';
import { EPISODES_FILE, MANIFEST_FILE, writeEpisodeExtract } from './episode-extract.writer';
import { replayEvaluation } from './evaluation-replay';
import { replayOutcomes } from './outcome-replay';
import { pseudonymOf } from './pseudonym';
import { replayCurves } from './survival-curves.replay';

const NOW = new Date('2026-11-22T12:00:00Z');
const KEY = Buffer.alloc(32, 7);
const BEFORE_LATE_ENTRIES = '2026-03-01T00:00:00.000Z';

/** Personal data travels in the clear inside the envelope here, so that a leak into an extract could be seen. */
const plaintexts: string[] = [];
const seal = (participantId: string, plaintext: string): SealedPersonalData => {
  plaintexts.push(plaintext);
  return carry(participantId, plaintext);
};

const outcomesAsOf = async (source: Parameters<typeof replayOutcomes>[0], asOf: string, threads?: number): Promise<OutcomeRecord[]> => {
  const { parts } = await replayOutcomes(source, parseAsOf(asOf, NOW), { threads, sink: () => ({ kind: 'records' }) });
  return parts.flatMap((part) => (part.kind === 'records' ? part.records : []));
};

const extractDir = temporaryDirectories('ww-extract-');
const tempDir = (): string => path.join(extractDir(), 'out');
const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('evaluator replays on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const participantIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
    const streams = [
      ...generateJourneys({
        seed: 11,
        participants: 120,
        sites: ['leeds', 'york'],
        startDate: '2025-01-06',
        referralPeriodDays: 300,
        asOf: '2026-06-01T00:00:00Z',
        seal,
      }),
    ].map((journey) => {
      participantIds.push(journey.participantId);
      return {
        streamId: participantStreamId(journey.participantId),
        events: replayCommands(journey.commands, { validate: false }).events.map(({ version: _v, ...event }) => event),
      };
    });
    await bulkImport(store, streams);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('leaves out what was recorded after the as-of point, even when it happened before', async () => {
    const late = (
      await db.pool.query<{ stream_id: string; version: number }>(
        `SELECT stream_id, version FROM events WHERE type = 'OutcomeRecorded' AND recorded_at > $1 AND (data->>'occurredAt')::timestamptz < $1 ORDER BY stream_id, version LIMIT 1`,
        [BEFORE_LATE_ENTRIES],
      )
    ).rows[0];
    expect(late).toBeDefined();
    const participantId = late.stream_id.replace('participant-', '');
    const then = (await outcomesAsOf(store, BEFORE_LATE_ENTRIES)).filter((record) => record.participantId === participantId);
    const today = (await outcomesAsOf(store, 'now')).filter((record) => record.participantId === participantId);
    expect(then.at(-1)!.lastVersion).toBeLessThan(late.version);
    expect(today.at(-1)!.lastVersion).toBeGreaterThanOrEqual(late.version);
    const recordedThen = then.flatMap((record) => record.checkpoints.filter((c) => c.recordedAt !== null).map((c) => c.recordedAt!));
    expect(recordedThen.every((at) => at <= BEFORE_LATE_ENTRIES)).toBe(true);
  });

  it('gives the same records through the port (another adapter) as through PostgreSQL', async () => {
    const fromPostgres = await outcomesAsOf(store, BEFORE_LATE_ENTRIES);
    // The same store read the way adapters without a server-side stream order read it (EventStoreDB, in memory).
    const portOnly: EventStore = {
      append: store.append.bind(store),
      readStream: store.readStream.bind(store),
      readAll: store.readAll.bind(store),
      subscribeToAll: store.subscribeToAll.bind(store),
      headPosition: store.headPosition.bind(store),
      streams: (options) => streamsThroughReads(portOnly, options),
      pages: (options) => pagesThroughReadAll(portOnly, options),
      streamRanges: async () => [{}],
      latestRecordedAt: (position) => latestRecordedAtThroughReads(portOnly, position),
      estimatedEvents: async () => undefined,
      shared: () => undefined,
      close: async () => undefined,
    };
    const fromPort = await outcomesAsOf(portOnly, BEFORE_LATE_ENTRIES);
    expect(fromPort.length).toBeGreaterThan(50);
    expect(fromPort).toEqual(fromPostgres);
  });

  it('reproduces a past report exactly after a late outcome is recorded, while today’s figures change', async () => {
    const asOf = parseAsOf('2026-10-01', NOW);
    const reportThen = await replayEvaluation(store, asOf);
    const todayBefore = await replayEvaluation(store, parseAsOf('now', NOW));

    // A checkpoint outcome observed before that date, caught up on today.
    const records = await outcomesAsOf(store, 'now');
    const unrecorded = (r: OutcomeRecord) => r.checkpoints.find((c) => c.status === null && c.dueOn !== null && c.dueOn < '2026-09-15');
    const target = records.find((r) => unrecorded(r) !== undefined && r.firstWorkOutcome === null);
    expect(target).toBeDefined();
    const checkpoint = unrecorded(target!)!;
    await new JourneyCommandRunner(store, new InMemoryKeyStore()).run({
      type: 'RecordOutcome',
      data: () => ({
        occurredAt: `${checkpoint.dueOn}T10:00:00.000Z`,
        checkpoint: coded(CHECKPOINTS, checkpoint.checkpoint),
        result: {
          reached: true,
          employmentStatus: coded(OUTCOME_EMPLOYMENT_STATUSES, 'new-employment'),
          hoursPerWeek: 30,
          source: coded(OUTCOME_SOURCES, 'participant'),
        },
      }),
      context: {
        participantId: target!.participantId,
        actor: { userId: 'coach-1', role: 'coach', organisation: 'icb', site: target!.siteId },
        now: new Date().toISOString(),
        correlationId: 'late-outcome',
      },
    });

    const reportAgain = await replayEvaluation(store, asOf);
    expect(reportAgain).toEqual(reportThen);
    const todayAfter = await replayEvaluation(store, parseAsOf('now', new Date()));
    expect(todayAfter.lastPosition).toBeGreaterThan(todayBefore.lastPosition);
    const cohort = (report: typeof todayAfter) =>
      report.quarter.find((row) => row.siteId === '*' && row.period === target!.startQuarter)!.cohort.anyWorkOutcome;
    expect(cohort(todayAfter).count).toBe(cohort(todayBefore).count + 1);
    expect(JSON.stringify(todayAfter.quarter)).not.toEqual(JSON.stringify(todayBefore.quarter));
  });

  it('writes byte-identical extracts of one as-of point, with no personal data and no internal id', async () => {
    const asOf = parseAsOf('2026-05-31', NOW);
    const first = await writeEpisodeExtract(store, asOf, { outDir: tempDir(), pseudonymKey: KEY });
    const second = await writeEpisodeExtract(store, asOf, { outDir: tempDir(), pseudonymKey: KEY });
    for (const name of [EPISODES_FILE, MANIFEST_FILE])
      expect(fs.readFileSync(path.join(second.directory, name))).toEqual(fs.readFileSync(path.join(first.directory, name)));
    expect(first.manifestSha256).toBe(sha256(path.join(first.directory, MANIFEST_FILE)));
    expect(first.manifest.files[0].sha256).toBe(sha256(path.join(first.directory, EPISODES_FILE)));

    const csv = fs.readFileSync(path.join(first.directory, EPISODES_FILE), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(first.manifest.rows + 1);
    expect(first.manifest.rows).toBeGreaterThan(50);
    for (const id of participantIds) expect(csv).not.toContain(id);
    const personal = new Set<string>();
    const leaves = (value: unknown): void => {
      if (typeof value === 'string' && value.length >= 5) personal.add(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(leaves);
    };
    for (const text of plaintexts) leaves(text.startsWith('{') ? JSON.parse(text) : text);
    expect(personal.size).toBeGreaterThan(100);
    const leaked = [...personal].filter((value) => csv.includes(value));
    expect(leaked).toEqual([]);
    expect(csv).not.toMatch(/\b\d{3} ?\d{3} ?\d{4}\b/);
    expect(csv).not.toMatch(/@/);
    const pseudonyms = lines.slice(1).map((line) => line.split(',')[0]);
    expect(pseudonyms).toContain(pseudonymOf(KEY, participantIds[0]));
    expect(new Set(pseudonyms).size).toBeGreaterThan(50);

    const otherKey = await writeEpisodeExtract(store, asOf, { outDir: tempDir(), pseudonymKey: Buffer.alloc(32, 8) });
    expect(otherKey.manifest.files[0].sha256).not.toBe(first.manifest.files[0].sha256);
    expect(otherKey.manifest.pseudonymKeyFingerprint).not.toBe(first.manifest.pseudonymKeyFingerprint);
  });

  it('leaves nothing behind when the sharing cannot be recorded, and never writes into a used directory', async () => {
    const outDir = tempDir();
    await expect(
      writeEpisodeExtract(store, parseAsOf('2026-05-31', NOW), {
        outDir,
        pseudonymKey: KEY,
        beforePublish: async () => {
          throw new Error('event store unavailable');
        },
      }),
    ).rejects.toThrow('event store unavailable');
    expect(fs.existsSync(outDir)).toBe(false);

    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'notes.txt'), 'keep me');
    await expect(writeEpisodeExtract(store, parseAsOf('now', NOW), { outDir, pseudonymKey: KEY })).rejects.toThrow(/is not empty/);
    expect(fs.readdirSync(outDir)).toEqual(['notes.txt']);
  });

  it('gives the same records, report, curves and extract bytes however many threads replay the store', async () => {
    const asOf = parseAsOf('2026-05-31', NOW);
    const inOne = await outcomesAsOf(store, '2026-05-31', 1);
    expect(inOne.length).toBeGreaterThan(100);
    expect(await outcomesAsOf(store, '2026-05-31', 3)).toEqual(inOne);
    const { lastPosition, ...report } = await replayEvaluation(store, asOf, { threads: 1 });
    expect(await replayEvaluation(store, asOf, { threads: 2 })).toEqual({ lastPosition, ...report });
    expect(await replayCurves(store, asOf, { by: 'site', threads: 2 })).toEqual(
      await replayCurves(store, asOf, { by: 'site', threads: 1 }),
    );
    const single = await writeEpisodeExtract(store, asOf, { outDir: tempDir(), pseudonymKey: KEY, threads: 1 });
    const parallel = await writeEpisodeExtract(store, asOf, { outDir: tempDir(), pseudonymKey: KEY, threads: 2 });
    expect(fs.readFileSync(path.join(parallel.directory, EPISODES_FILE))).toEqual(
      fs.readFileSync(path.join(single.directory, EPISODES_FILE)),
    );
    expect(parallel.manifestSha256).toBe(single.manifestSha256);
    expect(fs.readdirSync(parallel.directory).sort()).toEqual([EPISODES_FILE, MANIFEST_FILE]);
  });

  it('replays one site only, without national rows', async () => {
    const report = await replayEvaluation(store, parseAsOf('2026-05-31', NOW), { siteId: 'york' });
    expect(report.quarter.length).toBeGreaterThan(0);
    expect(new Set(report.quarter.map((row) => row.siteId))).toEqual(new Set(['york']));
    const all = await replayEvaluation(store, parseAsOf('2026-05-31', NOW));
    expect(report.quarter).toEqual(all.quarter.filter((row) => row.siteId === 'york'));
  });
});
