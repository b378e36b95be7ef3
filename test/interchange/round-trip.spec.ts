import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isJourneyEventType, PARTICIPANT_STREAM_PREFIX, toRecordedJourneyEvent } from '@workwell/domain';
import { parseAsOf, replayEvaluation, writeEpisodeExtract, type ReplayedReport } from '@workwell/evaluation';
import { PostgresEventStore, type EventStore } from '@workwell/event-store';
import { exportInterchangeFile, importInterchangeFile, importSyntheticJourneys } from '@workwell/interchange';
import { PostgresKeyStore, type KeyStore } from '@workwell/key-store';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';

jest.setTimeout(180_000);

const NOW = new Date('2026-06-01T12:00:00Z');
const PAST = '2025-12-31';
const SITES = ['leeds', 'york', 'hull'];
const masterKeys = [{ id: 'm1', key: Buffer.alloc(32, 5) }];
const pseudonymKey = Buffer.alloc(32, 9);
const admin = { userId: 'dpo-1', role: 'admin' as const, organisation: 'icb-yorkshire', site: 'national' };

interface Engine {
  readonly db: TestDatabase;
  readonly store: PostgresEventStore;
  readonly keys: PostgresKeyStore;
}

const open = async (): Promise<Engine> => {
  const db = await createTestDatabase(allMigrations);
  return { db, store: new PostgresEventStore(db.pool), keys: new PostgresKeyStore(db.pool, masterKeys) };
};

/** The report's bytes but for the positions it names (the report's and each row's), which belong to the store that made it. */
const withoutPositions = (report: ReplayedReport): string =>
  JSON.stringify(report, (key, value: unknown) => (key === 'lastPosition' ? undefined : value));

/** Every participant's events with personal data opened: what must survive the trip. */
const opened = async (store: EventStore, keys: KeyStore) => {
  const open = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(open));
    if (typeof value !== 'object' || value === null) return value;
    if ((value as { sealed?: unknown }).sealed === 'aes-256-gcm') return keys.open(value as never);
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await open(v)])));
  };
  const participants: Record<string, unknown[]> = {};
  for await (const stream of store.streams({ prefix: PARTICIPANT_STREAM_PREFIX })) {
    participants[stream.streamId] = await Promise.all(
      stream.events
        .filter((event) => isJourneyEventType(event.type))
        .map(toRecordedJourneyEvent)
        .map(async (event) => ({
          version: event.version,
          type: event.type,
          recordedAt: event.recordedAt,
          actor: event.metadata.actor,
          occurredAt: event.metadata.occurredAt,
          data: await open(event.data),
        })),
    );
  }
  return participants;
};

describe('a site leaves and comes back: export, then import into an empty store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-round-trip-'));
  let source: Engine;
  let target: Engine;
  let imported: Awaited<ReturnType<typeof importInterchangeFile>>[];

  beforeAll(async () => {
    source = await open();
    target = await open();
    await importSyntheticJourneys(source.db.pool, source.store, {
      participants: 240,
      seed: 23,
      sites: SITES,
      now: NOW,
      masterKeys,
      threads: 1,
    });
    // As the projector's key shredder would: erased participants' keys are gone.
    for await (const stream of source.store.streams({ prefix: PARTICIPANT_STREAM_PREFIX })) {
      const erasure = stream.events.find((event) => event.type === 'ParticipantErased');
      if (erasure) await source.keys.destroyKey((erasure.data as { keyId: string }).keyId, 'erasure-request');
    }
    imported = [];
    for (const site of SITES) {
      const file = path.join(dir, `${site}.jsonl`);
      const exported = await exportInterchangeFile(source.store, {
        out: file,
        siteId: site,
        keyStore: source.keys,
        exportedBy: admin,
        recipient: `${site} (its own records)`,
        now: NOW,
      });
      expect(exported.participants).toBeGreaterThan(50);
      imported.push(
        await importInterchangeFile(target.store, {
          file,
          rejectionsFile: path.join(dir, `${site}.rejections.csv`),
          keyStore: target.keys,
          masterKeys,
          importedBy: admin,
          now: NOW,
        }),
      );
    }
  });

  afterAll(async () => {
    for (const engine of [source, target]) {
      await engine?.store.close();
      await engine?.db.drop();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports every participant of every site, each with the events, times, recorders and personal data it had', async () => {
    expect(imported.map((result) => result.participants)).toEqual(
      imported.map((result) => ({ imported: result.participants.imported, alreadyImported: 0, rejected: 0 })),
    );
    expect(imported.reduce((sum, result) => sum + result.participants.imported, 0)).toBe(240);
    expect(imported.every((result) => result.rejections.rows === 0)).toBe(true);
    expect(await opened(target.store, target.keys)).toEqual(await opened(source.store, source.keys));
  });

  it('gives byte-identical reports as of now and as of a past date, and a byte-identical extract', async () => {
    for (const asOf of ['now', PAST]) {
      const [before, after] = await Promise.all(
        [source, target].map(({ store }) => replayEvaluation(store, parseAsOf(asOf, NOW), { threads: 1 })),
      );
      expect(withoutPositions(after)).toBe(withoutPositions(before));
      expect(before.participants).toBe(asOf === 'now' ? 240 : before.participants);
    }
    const extracts = await Promise.all(
      [source, target].map(({ store }, i) =>
        writeEpisodeExtract(store, parseAsOf(PAST, NOW), { outDir: path.join(dir, `extract-${i}`), pseudonymKey, threads: 1 }),
      ),
    );
    const episodes = extracts.map((extract) => fs.readFileSync(path.join(extract.directory, 'episodes.csv')));
    expect(episodes[1].equals(episodes[0])).toBe(true);
    expect(extracts[1].manifest.rows).toBeGreaterThan(0);
    expect({ ...extracts[1].manifest, lastPosition: 0 }).toEqual({ ...extracts[0].manifest, lastPosition: 0 });
  });
});
