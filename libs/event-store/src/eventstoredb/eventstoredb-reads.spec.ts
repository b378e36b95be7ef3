import type { NewEvent } from '../event-store.port';
import { FakeEsdbClient } from './eventstoredb-client.fake';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const events = (n: number, type = 'CoachingSessionHeld'): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type, schemaVersion: 1, data: { i }, metadata: {} }));

const maxCounts = (client: FakeEsdbClient, method: string) => client.calls.filter((c) => c.method === method).map((c) => c.maxCount);

describe('EventStoreDbEventStore reads', () => {
  it('reads a stream in bounded pages, from a version, up to a count', async () => {
    const client = new FakeEsdbClient();
    const store = new EventStoreDbEventStore(client, { pageSize: 5 });
    await store.append('participant-1', events(12), { expectedVersion: 'no_stream' });
    client.calls.length = 0;

    const all = await store.readStream('participant-1');
    expect(all.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(maxCounts(client, 'readStream')).toEqual([5, 5, 5]);

    const some = await store.readStream('participant-1', { fromVersion: 4, maxCount: 7 });
    expect(some.map((e) => e.version)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(
      client.calls
        .filter((c) => c.method === 'readStream')
        .slice(3)
        .map((c) => c.options),
    ).toEqual([
      { fromRevision: 3n, maxCount: 5, direction: 'forwards' },
      { fromRevision: 8n, maxCount: 2, direction: 'forwards' },
    ]);
    expect(await store.readStream('participant-404')).toEqual([]);
  });

  it('reads all events in global order, after a position (exclusive), past system events', async () => {
    const client = new FakeEsdbClient();
    const store = new EventStoreDbEventStore(client, { pageSize: 4 });
    await store.append('participant-1', events(3), { expectedVersion: 'no_stream' });
    for (let i = 0; i < 6; i++) client.write('$stats-127.0.0.1:2113', '$statsCollected', {}, {});
    client.write('participant-1', '$>', '0@participant-2', {});
    await store.append('participant-2', events(4), { expectedVersion: 'no_stream' });
    const positions = client.log.filter((e) => !e.streamId.startsWith('$') && e.type !== '$>').map((e) => Number(e.position!.commit));

    const everything = await store.readAll();
    expect(everything.map((e) => e.position)).toEqual(positions);
    expect(everything.map((e) => `${e.streamId}@${e.version}`)).toEqual([
      'participant-1@1',
      'participant-1@2',
      'participant-1@3',
      'participant-2@1',
      'participant-2@2',
      'participant-2@3',
      'participant-2@4',
    ]);

    const paged: number[] = [];
    for (
      let page = await store.readAll({ maxCount: 2 });
      page.length > 0;
      page = await store.readAll({ after: page[page.length - 1].position, maxCount: 2 })
    ) {
      expect(page.length).toBeLessThanOrEqual(2);
      paged.push(...page.map((e) => e.position));
    }
    expect(paged).toEqual(positions);
    expect((await store.readAll({ after: positions[2] })).map((e) => e.position)).toEqual(positions.slice(3));
    expect(maxCounts(client, 'readAll').every((n) => n !== undefined && n <= 4)).toBe(true);
  });

  it('gives the head position of the newest event of ours, 0 when there is none', async () => {
    const client = new FakeEsdbClient();
    const store = new EventStoreDbEventStore(client, { pageSize: 2 });
    client.write('$settings', '$settings', {}, {});
    expect(await store.headPosition()).toBe(0);
    const { position } = await store.append('participant-1', events(1), { expectedVersion: 'no_stream' });
    for (let i = 0; i < 5; i++) client.write('$stats-127.0.0.1:2113', '$statsCollected', {}, {});
    expect(await store.headPosition()).toBe(position);
  });

  it('keeps stores in different namespaces of one server apart', async () => {
    const client = new FakeEsdbClient();
    const mine = new EventStoreDbEventStore(client, { namespace: 'run-a/' });
    const theirs = new EventStoreDbEventStore(client, { namespace: 'run-b/' });
    await mine.append('participant-1', events(2), { expectedVersion: 'no_stream' });
    const { position } = await theirs.append('participant-1', events(1), { expectedVersion: 'no_stream' });
    expect([...client.streams.keys()]).toEqual(['run-a/participant-1', 'run-b/participant-1']);
    expect((await mine.readAll()).map((e) => `${e.streamId}@${e.version}`)).toEqual(['participant-1@1', 'participant-1@2']);
    expect(await mine.readStream('participant-1')).toHaveLength(2);
    expect(await theirs.headPosition()).toBe(position);
    expect((await theirs.readAll()).map((e) => e.streamId)).toEqual(['participant-1']);
  });

  it('disposes the client on close', async () => {
    const client = new FakeEsdbClient();
    await new EventStoreDbEventStore(client).close();
    expect(client.disposed).toBe(true);
  });
});
