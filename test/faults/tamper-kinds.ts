import crypto, { randomUUID } from 'node:crypto';
import { chainHash } from '@workwell/event-store';
import { forge, rewriteChain, unplaced, type Owner } from './tamper-owner';

/** Where a kind of tampering must be reported: the stream, the event version and the kind of finding. */
export interface Expected {
  readonly streamId: string;
  readonly version: number;
  readonly kind: string;
}

/** One kind of tampering by the database owner, on a stream of five events of its own (`t-<name>`). */
export interface TamperKind {
  readonly name: string;
  /** The stream is not written before the checkpoint: the tampering writes it. */
  readonly forged?: boolean;
  /** Missed by the fault suite before signed checkpoints (issue 19). */
  readonly missedBefore?: boolean;
  tamper(owner: Owner, streamId: string): Promise<void>;
  /** Every finding verify must make against the checkpoint, and no other for these streams. */
  readonly expected: (streamId: string) => readonly Expected[];
}

const at = (streamId: string, version: number) => `stream_id = '${streamId}' AND version = ${version}`;
const one = (kind: string, version: number) => (streamId: string) => [{ streamId, version, kind }];

export const tamperKinds: readonly TamperKind[] = [
  { name: 'data-changed', tamper: (o, s) => o.query(`UPDATE events SET data = '{"n":99}' WHERE ${at(s, 3)}`), expected: one('altered', 3) },
  {
    name: 'metadata-changed',
    tamper: (o, s) => o.query(`UPDATE events SET metadata = json_build_object('actor', 'someone-else') WHERE ${at(s, 3)}`),
    expected: one('altered', 3),
  },
  { name: 'type-changed', tamper: (o, s) => o.query(`UPDATE events SET type = 'Forged' WHERE ${at(s, 3)}`), expected: one('altered', 3) },
  {
    name: 'schema-version-changed',
    tamper: (o, s) => o.query(`UPDATE events SET schema_version = 2 WHERE ${at(s, 3)}`),
    expected: one('altered', 3),
  },
  {
    name: 'event-id-changed',
    tamper: (o, s) => o.query(`UPDATE events SET event_id = gen_random_uuid() WHERE ${at(s, 3)}`),
    expected: one('altered', 3),
  },
  {
    name: 'recorded-at-moved-1ms',
    tamper: (o, s) => o.query(`UPDATE events SET recorded_at = recorded_at + interval '1 millisecond' WHERE ${at(s, 3)}`),
    expected: one('altered', 3),
  },
  {
    name: 'recorded-at-moved-1us',
    missedBefore: true,
    // The CHECK refuses it (see the suite); the owner drops the CHECK first.
    tamper: async (o, s) => {
      await o.query(`ALTER TABLE events DROP CONSTRAINT IF EXISTS events_recorded_at_in_milliseconds`);
      await o.query(`UPDATE events SET recorded_at = recorded_at + interval '1 microsecond' WHERE ${at(s, 3)}`);
    },
    expected: one('altered', 3),
  },
  { name: 'middle-event-deleted', tamper: (o, s) => o.query(`DELETE FROM events WHERE ${at(s, 3)}`), expected: one('missing', 3) },
  { name: 'first-event-deleted', tamper: (o, s) => o.query(`DELETE FROM events WHERE ${at(s, 1)}`), expected: one('missing', 1) },
  {
    name: 'deleted-and-renumbered',
    tamper: async (o, s) => {
      await o.query(`DELETE FROM events WHERE ${at(s, 3)}`);
      await o.query(`UPDATE events SET version = version - 1 WHERE stream_id = '${s}' AND version > 3`);
    },
    expected: (s) => [
      { streamId: s, version: 3, kind: 'missing' },
      { streamId: s, version: 5, kind: 'truncated' },
    ],
  },
  {
    name: 'versions-swapped',
    tamper: async (o, s) => {
      await o.query(`UPDATE events SET version = 100 WHERE ${at(s, 2)}`);
      await o.query(`UPDATE events SET version = 2 WHERE ${at(s, 3)}`);
      await o.query(`UPDATE events SET version = 3 WHERE ${at(s, 100)}`);
    },
    expected: one('reordered', 2),
  },
  {
    name: 'positions-swapped',
    tamper: async (o, s) => {
      const [second, third] = (await o.store.readStream(s)).slice(1, 3);
      const xid = (position: number) => String(Math.floor(position / 65536));
      // One at a time through a free position: the primary key is checked row by row.
      await o.query(`UPDATE events SET position = 65536, transaction_id = '1' WHERE ${at(s, 2)}`);
      await o.query(`UPDATE events SET position = $1, transaction_id = $2 WHERE ${at(s, 3)}`, [second.position, xid(second.position)]);
      await o.query(`UPDATE events SET position = $1, transaction_id = $2 WHERE ${at(s, 2)}`, [third.position, xid(third.position)]);
    },
    expected: one('reordered', 2),
  },
  {
    name: 'previous-hash-changed',
    tamper: (o, s) => o.query(`UPDATE events SET previous_hash = sha256('forged') WHERE ${at(s, 4)}`),
    expected: one('altered', 4),
  },
  {
    name: 'hash-changed',
    tamper: (o, s) => o.query(`UPDATE events SET hash = sha256('forged') WHERE ${at(s, 3)}`),
    expected: one('altered', 3),
  },
  {
    name: 'content-changed-own-hash-recomputed',
    tamper: async (o, s) => {
      const events = await o.store.readStream(s);
      const changed = { ...events[2], data: { n: 42 } };
      const hash = chainHash(events[1].hash, changed);
      await o.query(`UPDATE events SET data = '{"n":42}', hash = decode($1, 'hex') WHERE ${at(s, 3)}`, [hash]);
    },
    expected: one('missing', 4),
  },
  {
    name: 'event-inserted-in-the-middle',
    tamper: async (o, s) => {
      const events = await o.store.readStream(s);
      for (let version = 5; version >= 3; version--) await o.query(`UPDATE events SET version = version + 1 WHERE ${at(s, version)}`);
      await forge(o, { ...unplaced(events[2]), eventId: randomUUID(), data: { n: 2.5 } }, events[1].hash);
    },
    expected: (s) => [
      { streamId: s, version: 3, kind: 'reordered' },
      { streamId: s, version: 5, kind: 'rewritten' },
    ],
  },
  {
    name: 'stream-renamed',
    tamper: (o, s) => o.query(`UPDATE events SET stream_id = stream_id || '-elsewhere' WHERE stream_id = '${s}'`),
    expected: (s) => [
      { streamId: s, version: 5, kind: 'deleted' },
      { streamId: `${s}-elsewhere`, version: 1, kind: 'altered' },
      { streamId: `${s}-elsewhere`, version: 1, kind: 'inserted' },
    ],
  },
  {
    name: 'forged-append-with-a-wrong-hash',
    tamper: async (o, s) => {
      const head = (await o.store.readStream(s))[4];
      await forge(o, { ...unplaced(head), eventId: randomUUID(), version: 6 }, head.hash, crypto.hash('sha256', 'forged', 'hex'));
    },
    expected: one('altered', 6),
  },
  {
    name: 'newest-event-deleted',
    missedBefore: true,
    tamper: (o, s) => o.query(`DELETE FROM events WHERE ${at(s, 5)}`),
    expected: one('truncated', 5),
  },
  {
    name: 'newest-3-events-deleted',
    missedBefore: true,
    tamper: (o, s) => o.query(`DELETE FROM events WHERE stream_id = '${s}' AND version >= 3`),
    expected: one('truncated', 3),
  },
  {
    name: 'whole-stream-deleted',
    missedBefore: true,
    tamper: (o, s) => o.query(`DELETE FROM events WHERE stream_id = '${s}'`),
    expected: one('deleted', 5),
  },
  {
    name: 'rewritten-with-the-chain-recomputed',
    missedBefore: true,
    tamper: async (o, s) => {
      const events = await o.store.readStream(s);
      await rewriteChain(
        o,
        events.map((event) => (event.version === 3 ? { ...event, data: { n: 42 } } : event)),
      );
    },
    expected: one('rewritten', 5),
  },
  {
    name: 'stream-written-into-the-past',
    forged: true,
    // A whole stream with a valid chain, at positions of a transaction long before the checkpoint.
    tamper: async (o, s) => {
      let previousHash: string | null = null;
      for (let version = 1; version <= 3; version++) {
        const event = {
          streamId: s,
          version,
          eventId: randomUUID(),
          type: 'Counted',
          schemaVersion: 1,
          data: { n: version },
          metadata: {},
        };
        previousHash = await forge(o, { ...event, recordedAt: '2025-01-06T09:00:00.000Z', position: 3 * 65536 + version }, previousHash);
      }
    },
    expected: one('inserted', 1),
  },
];
