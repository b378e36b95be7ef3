import type { StreamEvent, StreamOfEvents } from '../event-store.port';
import { compareStreamIds, type StreamHead } from '../checkpoint/merkle-root';
import type { ProblemKind, StreamProblem } from './stream-chain';

/** The checkpoint a stream is compared with: its number and the head position it covers. */
export interface SignedAt {
  readonly seq: number;
  readonly position: number;
}

export interface SignedHeadCheck {
  readonly problem: StreamProblem | null;
  /** Events of the stream appended after the checkpoint (beyond its head and position): the chain alone vouches for them. */
  readonly after: number;
}

const finding = (streamId: string, version: number, kind: ProblemKind, position: number | null, detail: string): StreamProblem => ({
  streamId,
  version,
  kind,
  position,
  detail,
});

const eventAt = (events: readonly StreamEvent[], version: number): StreamEvent | undefined =>
  events[version - 1]?.version === version ? events[version - 1] : events.find((event) => event.version === version);

/**
 * Compares a stream as stored (in version order, with hashes) with the head a checkpoint signed
 * for it. The chain check (`checkLink`) has established that each stored hash is the hash of its
 * event's content and of the hash before it, so the stored hash at the signed version *is* the
 * stream recomputed to that version: if it is not the signed one, the stream was rewritten (its
 * chain recomputed), and if there is no event at that version, its newest events were removed.
 * Every event of a stream at or below the checkpoint's position must be one the checkpoint signed.
 */
export const checkSignedHead = (
  streamId: string,
  events: readonly StreamEvent[],
  signed: StreamHead | undefined,
  at: SignedAt,
): SignedHeadCheck => {
  const signedVersion = signed?.version ?? 0;
  const beyond = events.filter((event) => event.version > signedVersion);
  const early = beyond.find((event) => event.position <= at.position);
  const after = beyond.length - beyond.filter((event) => event.position <= at.position).length;
  const inserted = early
    ? finding(
        streamId,
        early.version,
        'inserted',
        early.position,
        `it is at position ${early.position}, within checkpoint ${at.seq} (up to position ${at.position}), which ${signed ? `signed this stream only up to version ${signedVersion}` : 'did not hold this stream'}: it was inserted into the past`,
      )
    : null;
  if (!signed) return { problem: inserted, after };
  const signedHere = `checkpoint ${at.seq} signed it at version ${signed.version}`;
  if (events.length === 0)
    return { problem: finding(streamId, signed.version, 'deleted', null, `the stream is gone; ${signedHere}`), after: 0 };
  const event = eventAt(events, signed.version);
  if (!event) {
    const last = events[events.length - 1].version;
    if (last < signed.version) {
      const detail = `the stream ends at version ${last}; ${signedHere}: its newest ${signed.version - last === 1 ? 'event was' : `${signed.version - last} events were`} removed`;
      return { problem: finding(streamId, last + 1, 'truncated', null, detail), after: 0 };
    }
    return {
      problem: finding(
        streamId,
        signed.version,
        'missing',
        null,
        `the event at version ${signed.version} that checkpoint ${at.seq} signed is gone`,
      ),
      after,
    };
  }
  if (event.hash !== signed.hash) {
    const detail = `its hash is not the one checkpoint ${at.seq} signed for this version: the stream was rewritten up to here and its chain recomputed`;
    return { problem: finding(streamId, signed.version, 'rewritten', event.position, detail), after };
  }
  return { problem: inserted, after };
};

export interface StreamBesideHead {
  readonly streamId: string;
  /** As stored; none when the checkpoint signed a stream the store no longer holds. */
  readonly events: readonly StreamEvent[];
  readonly signed: StreamHead | undefined;
}

const iteratorOf = <T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> =>
  Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();

/**
 * Pairs the store's streams with the signed heads of the streams with the prefix, both in stream-id
 * byte order (a merge, so that neither side is held in memory). Throws if the store's streams do
 * not come in that order: the pairing would silently report streams as deleted.
 */
export async function* besideSignedHeads(
  streams: AsyncIterable<StreamOfEvents>,
  heads: AsyncIterable<StreamHead> | Iterable<StreamHead> | undefined,
  prefix: string,
): AsyncGenerator<StreamBesideHead> {
  const signedHeads = heads === undefined ? undefined : iteratorOf(heads);
  const nextHead = async (): Promise<StreamHead | undefined> => {
    if (!signedHeads) return undefined;
    for (let next = await signedHeads.next(); !next.done; next = await signedHeads.next())
      if (next.value.streamId.startsWith(prefix)) return next.value;
    return undefined;
  };
  let head = await nextHead();
  let previousId: string | undefined;
  for await (const stream of streams) {
    if (previousId !== undefined && compareStreamIds(previousId, stream.streamId) >= 0)
      throw new Error(`The store gave stream ${stream.streamId} after ${previousId}: not in stream-id byte order.`);
    previousId = stream.streamId;
    for (; head && compareStreamIds(head.streamId, stream.streamId) < 0; head = await nextHead())
      yield { streamId: head.streamId, events: [], signed: head };
    const signed = head?.streamId === stream.streamId ? head : undefined;
    if (signed) head = await nextHead();
    yield { streamId: stream.streamId, events: stream.events, signed };
  }
  for (; head; head = await nextHead()) yield { streamId: head.streamId, events: [], signed: head };
}
