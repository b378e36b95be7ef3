import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { collect, newEvent, newEvents } from '../contract/contract-helpers';
import { verifyStreams } from '../verify/verify-streams';
import { bulkImport, type ImportProgress, type ImportStream } from './bulk-import';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

describe('bulkImport', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('imports streams through COPY in transactions of the given size, chained as append chains them', async () => {
    const collector = collect(store, { streamPrefix: 'legacy-' });
    async function* history(): AsyncGenerator<ImportStream> {
      yield { streamId: 'legacy-long', events: newEvents(20, 'Long') };
      for (let i = 0; i < 10; i++) yield { streamId: `legacy-${i}`, events: newEvents(3, 'Short') };
    }
    const progress: ImportProgress[] = [];
    const done = await bulkImport(store, history(), { eventsPerTransaction: 7, onProgress: (p) => progress.push(p) });
    expect(done).toMatchObject({ events: 50, streams: 11 });
    expect(progress.map((p) => p.events)).toEqual([7, 14, 20, 26, 32, 38, 44, 50]);
    const long = await store.readStream('legacy-long');
    expect(long.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    long.slice(1).forEach((event, i) => {
      expect(event.previousHash).toBe(long[i].hash);
      expect(event.position).toBeGreaterThan(long[i].position);
    });
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT transaction_id)::int AS n FROM events WHERE stream_id LIKE 'legacy-%'`,
    );
    expect(rows[0].n).toBe(8);
    // Positions the importer wrote are what the column default gives: (transaction id << 16) + 0, 1, 2, ...
    const { rows: ordinals } = await db.pool.query<{ consecutive: boolean }>(
      `SELECT bool_and(position = (transaction_id::text::bigint << 16) + ordinal) AS consecutive
         FROM (SELECT position, transaction_id, row_number() OVER (PARTITION BY transaction_id ORDER BY position) - 1 AS ordinal
                 FROM events WHERE stream_id LIKE 'legacy-%') numbered`,
    );
    expect(ordinals[0].consecutive).toBe(true);
    expect(await verifyStreams(store, { streamPrefix: 'legacy-' })).toMatchObject({ ok: true, streams: 11, events: 50 });
    expect(await store.append('legacy-long', newEvents(1), { expectedVersion: 20 })).toMatchObject({ version: 21 });
    await collector.received(51);
    await collector.subscription.close();
  });

  it('carries any text through COPY unchanged', async () => {
    const awkward = { text: 'tab\there\nnew line\r\\back\\slash "quoted" \u2028 Zoë 🧭', nested: [{ '\t': '\\N' }] };
    await bulkImport(db.pool, [
      { streamId: 'copy-\t\\N-\n', events: [{ ...newEvent('Type\\with\ttab', awkward), metadata: { note: '\\.' } }] },
    ]);
    const [event] = await store.readStream('copy-\t\\N-\n');
    expect(event).toMatchObject({ type: 'Type\\with\ttab', data: awkward, metadata: { note: '\\.' } });
    expect(await verifyStreams(store, { streamPrefix: 'copy-' })).toMatchObject({ ok: true, events: 1 });
  });

  it('carries rows of any size: a stream too big for the encoder’s kept buffer, and small ones after it', async () => {
    // 40 events of 150,000 characters: more than 16 MB at the encoder's bound of 3 bytes a character.
    const big = Array.from({ length: 40 }, (_, i) => newEvent('Big', { i, text: `${i}é`.padEnd(150_000, 'x') }));
    await bulkImport(db.pool, [{ streamId: 'size-big', events: big }]);
    await bulkImport(db.pool, [{ streamId: 'size-small', events: newEvents(3) }]);
    expect((await store.readStream('size-big')).map((e) => e.data)).toEqual(big.map((e) => e.data));
    expect(await store.readStream('size-small')).toHaveLength(3);
    expect(await verifyStreams(store, { streamPrefix: 'size-' })).toMatchObject({ ok: true, events: 43 });
  });

  it('refuses streams that already exist, keeping what earlier transactions committed', async () => {
    await store.append('taken-1', newEvents(1), { expectedVersion: 'no_stream' });
    const input = [
      { streamId: 'fresh-1', events: newEvents(4) },
      { streamId: 'fresh-2', events: newEvents(2) },
      { streamId: 'taken-1', events: newEvents(2) },
    ];
    await expect(bulkImport(store, input, { eventsPerTransaction: 4 })).rejects.toThrow(/after 4 committed events.*already exist.*taken-1/);
    expect(await store.readStream('fresh-1')).toHaveLength(4);
    expect(await store.readStream('fresh-2')).toEqual([]);
    expect(await store.readStream('taken-1')).toHaveLength(1);
  });

  it('refuses the same stream twice and transactions over the ordinal limit', async () => {
    await expect(
      bulkImport(store, [
        { streamId: 'twice', events: newEvents(1) },
        { streamId: 'twice', events: newEvents(1) },
      ]),
    ).rejects.toThrow(/twice appears twice/);
    expect(await store.readStream('twice')).toEqual([]);
    await expect(bulkImport(store, [], { eventsPerTransaction: 65_537 })).rejects.toThrow(RangeError);
  });
});

describe('bulkImport of a legacy history', () => {
  it('keeps the time each event was recorded there, so as-of replays see late entries as late', async () => {
    const db = await createTestDatabase(eventStoreMigrations);
    const store = new PostgresEventStore(db.pool);
    try {
      await bulkImport(store, [
        {
          streamId: 'participant-legacy-1',
          events: [
            { type: 'ParticipantReferred', schemaVersion: 2, data: { a: 1 }, metadata: {}, recordedAt: '2025-03-01T09:00:00Z' },
            { type: 'OutcomeRecorded', schemaVersion: 1, data: { b: 2 }, metadata: {}, recordedAt: '2025-07-14T16:30:05.123+01:00' },
            { type: 'Note', schemaVersion: 1, data: {}, metadata: {} },
            // Before PostgreSQL's epoch (2000-01-01), a negative count of microseconds in the binary COPY.
            { type: 'Old', schemaVersion: 1, data: {}, metadata: {}, recordedAt: '1999-12-31T23:59:59.999Z' },
          ],
        },
      ]);
      const events = await store.readStream('participant-legacy-1');
      expect(events.map((e) => e.recordedAt).slice(0, 2)).toEqual(['2025-03-01T09:00:00.000Z', '2025-07-14T15:30:05.123Z']);
      expect(Date.parse(events[2].recordedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
      expect(events[3].recordedAt).toBe('1999-12-31T23:59:59.999Z');
      expect(await verifyStreams(store, { streamPrefix: 'participant-legacy-1' })).toMatchObject({ ok: true, events: 4 });
      await expect(
        bulkImport(store, [{ streamId: 'participant-legacy-3', events: [{ ...newEvent('X'), eventId: 'not-a-uuid' }] }]),
      ).rejects.toThrow(/event id "not-a-uuid" of participant-legacy-3 version 1 is not a UUID/);
      await expect(
        bulkImport(store, [
          {
            streamId: 'participant-legacy-2',
            events: [{ type: 'X', schemaVersion: 1, data: {}, metadata: {}, recordedAt: 'last Tuesday' }],
          },
        ]),
      ).rejects.toThrow(/recordedAt "last Tuesday"/);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
