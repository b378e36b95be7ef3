import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { ConcurrencyConflict, EventStoreUnavailable, type NewEvent } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { isUuid } from './deterministic-event-id';
import { FakeEsdbClient } from './eventstoredb-client.fake';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const event = (type: string, data: unknown = { n: 1 }, metadata: Record<string, unknown> = { actor: 'coach-1' }): NewEvent => ({
  type,
  schemaVersion: 1,
  data,
  metadata,
});

const setup = () => {
  const client = new FakeEsdbClient();
  let tick = Date.parse('2026-03-01T09:00:00.000Z');
  const store = new EventStoreDbEventStore(client, { clock: () => new Date(tick++) });
  const appends = () => client.calls.filter((c) => c.method === 'appendToStream');
  return { client, store, appends };
};

describe('EventStoreDbEventStore append', () => {
  it('maps expected versions to exact revisions and returns what a read returns', async () => {
    const { client, store, appends } = setup();
    const first = await store.append('participant-1', [event('ParticipantReferred', { site: 'leeds' })], { expectedVersion: 'no_stream' });
    const second = await store.append('participant-1', [event('ReferralTriaged'), event('CoachAssigned')], { expectedVersion: 1 });
    expect(appends().map((c) => c.options)).toEqual([{ expectedRevision: NO_STREAM }, { expectedRevision: 0n }]);
    expect(first).toMatchObject({
      streamId: 'participant-1',
      version: 1,
      duplicate: false,
      position: Number(client.log[0].position!.commit),
    });
    expect(second.version).toBe(3);
    expect(second.events.map((e) => e.position)).toEqual(client.log.slice(1).map((e) => Number(e.position!.commit)));
    expect(await store.readStream('participant-1')).toEqual([...first.events, ...second.events]);
  });

  it('chains hashes through the metadata and keeps the caller metadata as given', async () => {
    const { client, store } = setup();
    await store.append('participant-1', [event('A', { name: { sealed: 'aes-256-gcm' } }), event('B', null)], {
      expectedVersion: 'no_stream',
    });
    await store.append('participant-1', [event('C', 'text')], { expectedVersion: 2 });
    const events = await store.readStream('participant-1');
    expect(events.map((e) => e.data)).toEqual([{ name: { sealed: 'aes-256-gcm' } }, null, 'text']);
    let previous: string | null = null;
    for (const e of events) {
      expect(e.previousHash).toBe(previous);
      expect(e.hash).toBe(chainHash(previous, e));
      expect(e.metadata).toEqual({ actor: 'coach-1' });
      previous = e.hash;
    }
    expect(client.streams.get('participant-1')![2].metadata).toEqual({
      actor: 'coach-1',
      $workwell: { hash: events[2].hash, previousHash: events[1].hash, recordedAt: events[2].recordedAt, schemaVersion: 1 },
    });
  });

  it('turns a stale expectation into ConcurrencyConflict without writing', async () => {
    const { store, appends } = setup();
    await store.append('participant-1', [event('A')], { expectedVersion: 'no_stream' });
    const attempts: [number | 'no_stream' | 'stream_exists', string, number][] = [
      [5, 'participant-1', 1],
      ['no_stream', 'participant-1', 1],
      ['stream_exists', 'participant-2', 0],
      [1, 'participant-2', 0],
    ];
    for (const [expectedVersion, streamId, actual] of attempts) {
      const error = await store.append(streamId, [event('B')], { expectedVersion }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyConflict);
      expect(error).toMatchObject({ streamId, expected: expectedVersion, actual });
    }
    expect(appends()).toHaveLength(1);
  });

  it('maps the server WrongExpectedVersionError when a writer gets in between read and append', async () => {
    const { client, store } = setup();
    await store.append('participant-1', [event('A')], { expectedVersion: 'no_stream' });
    client.beforeNextAppend = () => void client.write('participant-1', 'Sneaky', {}, {});
    await expect(store.append('participant-1', [event('B')], { expectedVersion: 1 })).rejects.toMatchObject({ expected: 1, actual: 2 });

    client.beforeNextAppend = () => {
      throw new WrongExpectedVersionError(undefined, { streamName: 'participant-1', expected: 1n, current: NO_STREAM });
    };
    await expect(store.append('participant-1', [event('B')], { expectedVersion: 2 })).rejects.toMatchObject({ expected: 2, actual: 0 });
  });

  it('retries an `any` append that lost the race, keeping the chain unbroken', async () => {
    const { client, store } = setup();
    await store.append('site-leeds', [event('A')], { expectedVersion: 'any' });
    client.beforeNextAppend = () => store.append('site-leeds', [event('Concurrent')], { expectedVersion: 'any' }).then(() => undefined);
    const result = await store.append('site-leeds', [event('B')], { expectedVersion: 'any' });
    expect(result.version).toBe(3);
    const events = await store.readStream('site-leeds');
    expect(events.map((e) => e.type)).toEqual(['A', 'Concurrent', 'B']);
    expect(events[2].previousHash).toBe(events[1].hash);
  });

  it('returns the first result for a retried command and appends nothing', async () => {
    const { client, store, appends } = setup();
    const first = await store.append('participant-1', [event('A'), event('B')], { expectedVersion: 'no_stream', idempotencyKey: 'cmd-1' });
    expect(first.duplicate).toBe(false);
    expect(first.events.every((e) => isUuid(e.eventId))).toBe(true);
    const retried = await store.append('participant-1', [event('A'), event('B')], {
      expectedVersion: 'no_stream',
      idempotencyKey: 'cmd-1',
    });
    expect(retried).toEqual({ ...first, duplicate: true });

    await store.append('participant-1', [event('C')], { expectedVersion: 2, idempotencyKey: 'cmd-2' });
    const late = await store.append('participant-1', [event('C')], { expectedVersion: 2, idempotencyKey: 'cmd-2' });
    expect(late).toMatchObject({ duplicate: true, version: 3 });
    const viaAny = await store.append('participant-1', [event('A'), event('B')], { expectedVersion: 'any', idempotencyKey: 'cmd-1' });
    expect(viaAny).toEqual({ ...first, duplicate: true });
    expect(client.streams.get('participant-1')).toHaveLength(3);
    expect(appends()).toHaveLength(2);
  });

  it('reports a duplicate when a concurrent retry wins and EventStoreDB answers idempotently', async () => {
    const { client, store, appends } = setup();
    const [a, b] = await Promise.all([
      store.append('participant-1', [event('A')], { expectedVersion: 'no_stream', idempotencyKey: 'cmd-1' }),
      store.append('participant-1', [event('A')], { expectedVersion: 'no_stream', idempotencyKey: 'cmd-1' }),
    ]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.events).toEqual(b.events);
    // Both sent the same derived ids to the server; it wrote once and acknowledged the other.
    expect(appends()).toHaveLength(2);
    expect(client.streams.get('participant-1')).toHaveLength(1);
  });

  it('refuses, as every adapter does, a caller event id that is not a UUID and the reserved metadata key', async () => {
    const { client, store } = setup();
    await expect(store.append('p-1', [{ ...event('A'), eventId: 'legacy-42' }], { expectedVersion: 'any' })).rejects.toThrow(/not a UUID/);
    expect(client.log).toHaveLength(0);
    await expect(store.append('p-1', [event('B', {}, { $workwell: 'x' })], { expectedVersion: 'any' })).rejects.toThrow(/reserved/);
  });

  it('reports a server that cannot be reached as EventStoreUnavailable', async () => {
    const { client, store } = setup();
    client.beforeNextAppend = () => {
      throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' });
    };
    await expect(store.append('p-1', [event('A')], { expectedVersion: 'any' })).rejects.toBeInstanceOf(EventStoreUnavailable);
  });
});

describe('prepareAppend', () => {
  it('refuses events without a type or a positive integer schema version, before anything is sent', async () => {
    const { store, appends } = setup();
    await expect(store.append('p-1', [{ ...event('A'), type: '' }], { expectedVersion: 'any' })).rejects.toThrow(TypeError);
    await expect(store.append('p-1', [{ ...event('A'), schemaVersion: 0 }], { expectedVersion: 'any' })).rejects.toThrow(
      /positive integer schemaVersion/,
    );
    await expect(store.append('', [event('A')], { expectedVersion: 'any' })).rejects.toThrow(/non-empty/);
    expect(appends()).toHaveLength(0);
  });
});
