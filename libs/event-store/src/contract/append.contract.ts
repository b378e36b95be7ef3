import { randomUUID } from 'node:crypto';
import { ConcurrencyConflict, type ExpectedVersion } from '../event-store.port';
import { newEvent, newEvents } from './contract-helpers';
import type { ContractContext } from './event-store.contract';

const conflictOf = async (attempt: Promise<unknown>): Promise<ConcurrencyConflict> => {
  const error = await attempt.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ConcurrencyConflict);
  return error as ConcurrencyConflict;
};

export const describeAppendContract = ({ store, newStreamId }: ContractContext): void => {
  describe('append', () => {
    it('appends to a new stream and reads back exactly what it returned', async () => {
      const streamId = newStreamId('participant');
      const eventId = randomUUID();
      const result = await store().append(
        streamId,
        [newEvent('ParticipantReferred', { name: 'Zoë' }, eventId), newEvent('ReferralTriaged')],
        { expectedVersion: 'no_stream' },
      );
      expect(result).toMatchObject({ streamId, version: 2, duplicate: false });
      expect(result.events.map((e) => [e.version, e.type, e.schemaVersion])).toEqual([
        [1, 'ParticipantReferred', 1],
        [2, 'ReferralTriaged', 1],
      ]);
      expect(result.events[0].eventId).toBe(eventId);
      expect(result.events[1].eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.events[1].position).toBeGreaterThan(result.events[0].position);
      expect(result.position).toBe(result.events[1].position);
      expect(await store().readStream(streamId)).toEqual(result.events);
    });

    it('gives an event that brings no id a time-ordered UUID (version 7): ids made later sort after earlier ones', async () => {
      const first = await store().append(newStreamId('ids'), newEvents(3), { expectedVersion: 'no_stream' });
      const second = await store().append(newStreamId('ids'), newEvents(2), { expectedVersion: 'no_stream' });
      const ids = [...first.events, ...second.events].map((e) => e.eventId);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect([...ids].sort()).toEqual(ids);
      // Its first 48 bits are the millisecond it was made in.
      const madeAt = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
      expect(Math.abs(madeAt - Date.now())).toBeLessThan(3_600_000);
    });

    it.each<[string, ExpectedVersion, number]>([
      ['no_stream on an existing stream', 'no_stream', 2],
      ['an exact version that is stale', 1, 2],
      ['an exact version ahead of the stream', 5, 2],
    ])('refuses %s with the expected and the actual version', async (_, expectedVersion, actual) => {
      const streamId = newStreamId('conflict');
      await store().append(streamId, newEvents(2), { expectedVersion: 'no_stream' });
      const conflict = await conflictOf(store().append(streamId, newEvents(1), { expectedVersion }));
      expect(conflict).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId, expected: expectedVersion, actual });
      expect(await store().readStream(streamId)).toHaveLength(2);
    });

    it('requires stream_exists to find the stream, and then appends', async () => {
      const streamId = newStreamId('exists');
      expect(await conflictOf(store().append(streamId, newEvents(1), { expectedVersion: 'stream_exists' }))).toMatchObject({
        expected: 'stream_exists',
        actual: 0,
      });
      await store().append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      expect(await store().append(streamId, newEvents(1), { expectedVersion: 'stream_exists' })).toMatchObject({ version: 2 });
    });

    it('appends with any on new and existing streams, and with exact versions including 0', async () => {
      const streamId = newStreamId('any');
      expect(await store().append(streamId, newEvents(1), { expectedVersion: 'any' })).toMatchObject({ version: 1 });
      expect(await store().append(streamId, newEvents(2), { expectedVersion: 'any' })).toMatchObject({ version: 3 });
      expect(await store().append(streamId, newEvents(1), { expectedVersion: 3 })).toMatchObject({ version: 4 });
      expect(await store().append(newStreamId('zero'), newEvents(1), { expectedVersion: 0 })).toMatchObject({ version: 1 });
    });

    it('lets exactly one of several concurrent appends at the same version win', async () => {
      const streamId = newStreamId('race');
      await store().append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => store().append(streamId, newEvents(2), { expectedVersion: 1 })),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      lost.forEach((reason) => expect(reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 1, actual: 3 }));
      expect((await store().readStream(streamId)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it('stores all events of an append or none of them', async () => {
      const streamId = newStreamId('atomic');
      await expect(
        store().append(streamId, [newEvent('Fine'), newEvent('Broken', {}, 'not-a-uuid')], { expectedVersion: 'no_stream' }),
      ).rejects.toThrow();
      expect(await store().readStream(streamId)).toEqual([]);
      const duplicateId = randomUUID();
      await expect(
        store().append(streamId, [newEvent('A', {}, duplicateId), newEvent('B', {}, duplicateId)], { expectedVersion: 'any' }),
      ).rejects.toThrow();
      expect(await store().readStream(streamId)).toEqual([]);
      expect(await store().append(streamId, newEvents(3), { expectedVersion: 'no_stream' })).toMatchObject({ version: 3 });
    });
  });

  describe('idempotency', () => {
    it('returns the first result for a retried command and appends nothing', async () => {
      const streamId = newStreamId('idem');
      const idempotencyKey = randomUUID();
      const first = await store().append(streamId, newEvents(2), { expectedVersion: 'no_stream', idempotencyKey });
      // The retry carries the same command's expectation, which no longer holds; it must not matter.
      const retried = await store().append(streamId, newEvents(2), { expectedVersion: 'no_stream', idempotencyKey });
      expect(retried).toEqual({ ...first, duplicate: true });
      const again = await store().append(streamId, newEvents(1), { expectedVersion: 'any', idempotencyKey });
      expect(again).toMatchObject({ version: 2, position: first.position, duplicate: true });
      expect(await store().readStream(streamId)).toHaveLength(2);
    });

    it('appends once when the same command arrives several times at once', async () => {
      const streamId = newStreamId('idem-race');
      const idempotencyKey = randomUUID();
      await store().append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store().append(streamId, newEvents(2), { expectedVersion: 'any', idempotencyKey })),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      results.forEach((r) => expect(r).toMatchObject({ version: 3, position: results[0].position }));
      expect((await store().readStream(streamId)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it('does not record a key whose append failed', async () => {
      const streamId = newStreamId('idem-fail');
      const idempotencyKey = randomUUID();
      await expect(store().append(streamId, newEvents(1), { expectedVersion: 'stream_exists', idempotencyKey })).rejects.toBeInstanceOf(
        ConcurrencyConflict,
      );
      expect(await store().append(streamId, newEvents(1), { expectedVersion: 'no_stream', idempotencyKey })).toMatchObject({
        version: 1,
        duplicate: false,
      });
    });
  });
};
