import { randomUUID } from 'node:crypto';
import { Client, type PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { collect, eventually, newEvents } from '../contract/contract-helpers';
import { emptyStreamHead, prepareEvents } from '../prepared-event';
import { bulkImport, type ImportStream } from './bulk-import';
import { appendStatement } from './postgres-append-writer';
import { PostgresEventStore, idleInTransactionTimeoutOption } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-event-store.schema';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Inserts through the store's own statement inside a transaction the caller controls; returns the positions. */
const appendInTransaction = async (client: Client | PoolClient, streamId: string, count: number): Promise<number[]> => {
  const events = prepareEvents(streamId, newEvents(count), emptyStreamHead, new Date().toISOString());
  const { rows } = await client.query<{ position: string }>(appendStatement([{ streamId, events }]));
  return rows.map((row) => Number(row.position));
};

const allPositions = async (store: PostgresEventStore): Promise<number[]> => {
  const positions: number[] = [];
  for (
    let page = await store.readAll({ maxCount: 10_000 });
    page.length > 0;
    page = await store.readAll({ after: positions[positions.length - 1], maxCount: 10_000 })
  ) {
    for (const event of page) positions.push(event.position);
  }
  return positions;
};

describe('gap-free delivery on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool, { subscriptions: { heldBackRecheckMs: 200 } });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('delivers 100,000+ events exactly once and in order while slow transactions commit behind fast ones', async () => {
    const delivered: number[] = [];
    const subscription = store.subscribeToAll({
      batchSize: 2_000,
      onEvents: async (batch) => void batch.forEach((e) => delivered.push(e.position)),
    });
    const target = 100_000;
    let written = 0;
    let newestFast = 0;
    let slowTransactions = 0;
    let overtaken = 0;

    const fastWriter = async (writer: number): Promise<void> => {
      for (let i = 0; written < target; i++) {
        const result = await store.append(`fast-${writer}-${i}`, newEvents(40), { expectedVersion: 'no_stream' });
        written += 40;
        newestFast = Math.max(newestFast, result.position);
      }
    };
    // BEGIN, the same INSERT as append, a nap, COMMIT: events with older positions committing after newer ones.
    const slowWriter = async (writer: number): Promise<void> => {
      const client = await db.pool.connect();
      try {
        for (let i = 0; written < target; i++) {
          await client.query('BEGIN');
          const positions = await appendInTransaction(client, `slow-${writer}-${i}`, 20);
          await sleep(20 + Math.random() * 150);
          const newestBeforeCommit = newestFast;
          await client.query('COMMIT');
          store.committed();
          written += 20;
          slowTransactions++;
          if (positions[0] < newestBeforeCommit) overtaken++;
        }
      } finally {
        client.release();
      }
    };
    async function* legacyHistory(): AsyncGenerator<ImportStream> {
      for (let i = 0; i < 400; i++) yield { streamId: `imported-${i}`, events: newEvents(25, 'Imported') };
    }

    await Promise.all([
      ...[0, 1, 2, 3].map(fastWriter),
      ...[0, 1, 2].map(slowWriter),
      bulkImport(store, legacyHistory(), { eventsPerTransaction: 2_500 }).then((done) => void (written += done.events)),
    ]);
    const deliveredWhileWriting = delivered.length;
    const expected = await allPositions(store);
    await eventually(() => expect(delivered.length).toBeGreaterThanOrEqual(expected.length), 60_000);
    await subscription.close();

    const deliveredSet = new Set(delivered);
    const skipped = expected.filter((position) => !deliveredSet.has(position)).length;
    const duplicated = delivered.length - deliveredSet.size;
    const outOfOrder = delivered.filter((position, i) => i > 0 && position <= delivered[i - 1]).length;
    expect({ skipped, duplicated, outOfOrder }).toEqual({ skipped: 0, duplicated: 0, outOfOrder: 0 });
    expect(delivered.length).toBe(expected.length);
    expect(delivered.every((position, i) => position === expected[i])).toBe(true);
    expect(expected.length).toBeGreaterThanOrEqual(target);
    // The scenario really happened: the subscriber ran alongside, and slow commits landed behind newer positions.
    expect(deliveredWhileWriting).toBeGreaterThan(0);
    expect(slowTransactions).toBeGreaterThan(10);
    expect(overtaken).toBeGreaterThan(0);
  }, 120_000);

  it('holds delivery behind an idle uncommitted append only until that session is killed', async () => {
    const prefix = `idle-${randomUUID()}-`;
    const collector = collect(store, { streamPrefix: prefix });
    const idle = new Client({ connectionString: db.url });
    idle.on('error', () => undefined);
    await idle.connect();
    try {
      const { rows } = await idle.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await idle.query('BEGIN');
      await appendInTransaction(idle, `${prefix}held`, 1);
      const after = await store.append(`${prefix}committed`, newEvents(5), { expectedVersion: 'no_stream' });
      await sleep(1_000);
      expect(collector.events).toEqual([]);
      expect(await store.headPosition()).toBeLessThan(after.events[0].position);

      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      const events = await collector.received(5);
      expect(events.map((e) => e.position)).toEqual(after.events.map((e) => e.position));
      expect(await store.readStream(`${prefix}held`)).toEqual([]);
    } finally {
      await collector.subscription.close();
      await idle.end().catch(() => undefined);
    }
  });

  it('lets the server end a writer idle in its transaction, and delivery resumes by itself', async () => {
    const prefix = `timeout-${randomUUID()}-`;
    const collector = collect(store, { streamPrefix: prefix });
    const idle = new Client({ connectionString: db.url, options: idleInTransactionTimeoutOption(300) });
    const ended = new Promise<Error>((resolve) => idle.on('error', resolve));
    await idle.connect();
    try {
      await idle.query('BEGIN');
      await appendInTransaction(idle, `${prefix}held`, 1);
      const after = await store.append(`${prefix}committed`, newEvents(3), { expectedVersion: 'no_stream' });
      expect((await ended).message).toMatch(/idle-in-transaction timeout/);
      expect((await collector.received(3)).map((e) => e.position)).toEqual(after.events.map((e) => e.position));
    } finally {
      await collector.subscription.close();
      await idle.end().catch(() => undefined);
    }
  });

  it('reads below the oldest open transaction of this database, whatever other databases hold open', async () => {
    const prefix = `horizon-${randomUUID()}-`;
    const ours = (events: { streamId: string; position: number }[]): number[] =>
      events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.position);
    const elsewhere = await createTestDatabase();
    const foreign = await elsewhere.pool.connect();
    const local = await db.pool.connect();
    try {
      await foreign.query('BEGIN');
      await foreign.query('SELECT pg_current_xact_id()');
      const before = await store.headPosition();
      await local.query('BEGIN');
      const [early] = await appendInTransaction(local, `${prefix}early`, 1);
      const later = await store.append(`${prefix}later`, newEvents(1), { expectedVersion: 'no_stream' });
      expect(early).toBeLessThan(later.position);
      expect(ours(await store.readAll({ after: before }))).toEqual([]);
      expect(await store.headPosition()).toBeLessThan(early);

      await local.query('COMMIT');
      expect(ours(await store.readAll({ after: before }))).toEqual([early, later.position]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(later.position);
    } finally {
      local.release();
      await foreign.query('ROLLBACK');
      foreign.release();
      await elsewhere.drop();
    }
  });
});
