import { NO_STREAM } from '@eventstore/db-client';
import { esdbEventId, idempotentEventId, isUuid, uuidV5 } from './deterministic-event-id';
import {
  appendRevisionFor,
  isSystemEvent,
  joinMetadata,
  positionOf,
  splitMetadata,
  toEsdbPosition,
  toStoredEvent,
  versionOfCurrentRevision,
  versionOfRevision,
} from './eventstoredb.mapping';

describe('EventStoreDB mapping', () => {
  it('maps versions (count of events) to revisions (index of the last event) and back', () => {
    expect(appendRevisionFor(0)).toBe(NO_STREAM);
    expect(appendRevisionFor(1)).toBe(0n);
    expect(appendRevisionFor(42)).toBe(41n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    expect(versionOfCurrentRevision('no_stream')).toBe(0);
    expect(versionOfCurrentRevision(4n)).toBe(5);
  });

  it('uses the commit position as the global position, exact up to 2^53', () => {
    expect(positionOf({ commit: 1234n, prepare: 1234n })).toBe(1234);
    expect(positionOf(undefined)).toBeUndefined();
    expect(positionOf({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeUndefined();
    expect(positionOf({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: 0n })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => positionOf({ commit: 2n ** 53n, prepare: 2n ** 53n })).toThrow(RangeError);
    expect(toEsdbPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('recognises system streams and events', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$participant-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'participant-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'participant-1', type: 'ParticipantReferred' })).toBe(false);
  });

  it('keeps our bookkeeping apart from the caller metadata', () => {
    const workwell = { hash: 'h', previousHash: null, recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 2 };
    const joined = joinMetadata({ actor: 'coach-1' }, workwell);
    expect(joined).toEqual({ actor: 'coach-1', $workwell: workwell });
    expect(splitMetadata(JSON.parse(JSON.stringify(joined)))).toEqual({ metadata: { actor: 'coach-1' }, workwell });
    expect(() => joinMetadata({ $workwell: 1 }, workwell)).toThrow(/reserved/);
    expect(splitMetadata(undefined)).toEqual({ metadata: {}, workwell: undefined });
  });

  it('reads events another application wrote, without our metadata', () => {
    const created = new Date('2026-02-03T04:05:06.000Z');
    const event = toStoredEvent(
      {
        streamId: 'x-1',
        id: 'id',
        revision: 0n,
        type: 'Foreign',
        data: { a: 1 },
        metadata: undefined,
        isJson: true,
        created,
        position: { commit: 9n, prepare: 9n },
      },
      'x-1',
    );
    expect(event).toEqual({
      streamId: 'x-1',
      version: 1,
      position: 9,
      eventId: 'id',
      type: 'Foreign',
      schemaVersion: 1,
      data: { a: 1 },
      metadata: {},
      recordedAt: created.toISOString(),
      hash: '',
      previousHash: null,
    });
  });
});

describe('deterministic event ids', () => {
  it('are RFC 4122 version 5 UUIDs', () => {
    // The RFC's DNS namespace and the example every uuid library tests against.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('are the same on every retry and differ by stream, key and index', () => {
    const id = idempotentEventId('participant-1', 'cmd-1', 0);
    expect(isUuid(id)).toBe(true);
    expect(idempotentEventId('participant-1', 'cmd-1', 0)).toBe(id);
    expect(
      new Set([
        id,
        idempotentEventId('participant-1', 'cmd-1', 1),
        idempotentEventId('participant-1', 'cmd-2', 0),
        idempotentEventId('participant-2', 'cmd-1', 0),
      ]).size,
    ).toBe(4);
  });

  it('turn a caller id that is not a UUID into a stable UUID', () => {
    expect(esdbEventId('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(isUuid(esdbEventId('event-7'))).toBe(true);
    expect(esdbEventId('event-7')).toBe(esdbEventId('event-7'));
  });
});
