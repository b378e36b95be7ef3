import type { StoredEvent } from '../event-store.port';
import { chainHash } from '../hash-chain';

/**
 * The chain's findings (altered, missing, reordered) and a checkpoint's (deleted: the whole stream;
 * truncated: its newest events; rewritten: its chain recomputed; inserted: an event placed at or
 * below a checkpoint's position that the checkpoint did not sign).
 */
export type ProblemKind = 'altered' | 'missing' | 'reordered' | 'deleted' | 'truncated' | 'rewritten' | 'inserted';

export interface StreamProblem {
  readonly streamId: string;
  /** The first version at which the stream is not what was recorded. */
  readonly version: number;
  readonly kind: ProblemKind;
  /** Global position of the event found at that place, if any. */
  readonly position: number | null;
  readonly detail: string;
}

// The verify read gives recorded_at with its microseconds when it has any; the hash covers milliseconds.
const subMillisecond = /\.\d{4,}Z$/;

const problem = (event: StoredEvent, kind: ProblemKind, detail: string, version = event.version): StreamProblem => ({
  streamId: event.streamId,
  version,
  kind,
  position: version === event.version ? event.position : null,
  detail,
});

/**
 * Judges one event of a stream walked in version order, given the event before it and the
 * one after it (the look-ahead tells a swap from a removal). Returns the problem, or null.
 *
 * - altered: the event's own hash no longer matches its content (or only its stored
 *   previous hash was changed);
 * - missing: a version is absent, or the chain continues from an event that is not there;
 * - reordered: two events changed places, by version numbers or by global positions.
 *
 * Removing the newest events of a stream leaves a valid shorter chain, and so does rewriting
 * a stream with its chain recomputed: those are seen against a signed checkpoint (`signed-head.ts`).
 */
export const checkLink = (event: StoredEvent, previous: StoredEvent | undefined, next: StoredEvent | undefined): StreamProblem | null => {
  const expectedVersion = (previous?.version ?? 0) + 1;
  const expectedPreviousHash = previous?.hash ?? null;
  if (event.version > expectedVersion) {
    return problem(event, 'missing', `version ${expectedVersion} is absent; the next stored version is ${event.version}`, expectedVersion);
  }
  if (event.previousHash !== expectedPreviousHash) {
    if (chainHash(expectedPreviousHash, event) === event.hash) return problem(event, 'altered', 'its stored previous hash was changed');
    if (next && next.previousHash === expectedPreviousHash)
      return problem(event, 'reordered', `the event recorded here now comes after version ${event.version}`);
    return problem(event, 'missing', `it does not follow version ${expectedVersion - 1}: an event before it was removed`);
  }
  if (chainHash(event.previousHash, event) !== event.hash) {
    if (subMillisecond.test(event.recordedAt))
      return problem(event, 'altered', `its recorded_at (${event.recordedAt}) is not the millisecond it was hashed with: it was moved`);
    return problem(event, 'altered', 'its content no longer matches its hash');
  }
  if ((previous && previous.position > event.position) || (next && next.position < event.position)) {
    return problem(event, 'reordered', 'its global position is out of order with its neighbours in the stream');
  }
  return null;
};
