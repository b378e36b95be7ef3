import type { EventStore, StoredEvent } from '../event-store.port';
import { MerkleRoot, type StreamHead } from '../checkpoint/merkle-root';
import type { CheckpointBody } from '../checkpoint/checkpoint-signature';
import { knownPrefix } from '../stream-reads';
import { besideSignedHeads, checkSignedHead } from './signed-head';
import { checkLink, type StreamProblem } from './stream-chain';

export type { StreamProblem } from './stream-chain';

export interface VerifyProgress {
  readonly streams: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

/** What a comparison with a signed checkpoint found beyond the per-stream problems. */
export interface CheckpointComparison {
  readonly seq: number;
  readonly position: number;
  /** `heads`: each stream against the head the checkpoint signed; `root`: only the Merkle root, recomputed from the store. */
  readonly by: 'heads' | 'root';
  /** Streams and events the store holds beyond the checkpoint: these are vouched for by their chain alone. */
  readonly after: { readonly streams: number; readonly events: number };
  /** Findings about the store as a whole (by root: it does not hash to the signed root). */
  readonly problems: readonly string[];
}

export interface VerifyReport extends VerifyProgress {
  readonly ok: boolean;
  /** Per stream, the first place its chain breaks, and where it differs from a checkpoint's signed head. */
  readonly problems: readonly StreamProblem[];
  readonly checkpoint?: CheckpointComparison;
}

/** A checkpoint to compare the store with (its signature already verified by the caller). */
export interface VerifyAgainst {
  readonly checkpoint: Pick<CheckpointBody, 'seq' | 'position' | 'root' | 'streams' | 'events'>;
  /**
   * Its signed heads in stream-id byte order, already checked against its root (`headsProblem`);
   * only those of streams with the prefix are used. Without them the root is recomputed from the
   * store instead, which tells whether anything was changed but not where (whole store only).
   */
  readonly heads?: AsyncIterable<StreamHead> | Iterable<StreamHead>;
}

export interface VerifyOptions {
  readonly streamPrefix?: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Events between progress reports (default 5,000). */
  readonly progressEvery?: number;
  readonly against?: VerifyAgainst;
}

/**
 * Recomputes every stream's hash chain and reports, per stream, the first altered, missing or
 * reordered event; with a checkpoint, also every stream deleted, truncated, rewritten or written
 * into the past since it was signed. The streams are read through the port in stream order, each
 * whole with its hashes (as stored: gaps are what verification looks for), beside the signed
 * heads in the same order, so memory holds one stream at a time however large the log.
 */
export const verifyStreams = async (store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const prefix = options.streamPrefix ?? '';
  const against = options.against;
  if (against && !against.heads && prefix !== '')
    throw new RangeError('Without its heads a checkpoint can only be compared with the whole store.');
  const started = Date.now();
  const problems: StreamProblem[] = [];
  let streams = 0;
  let events = 0;
  const after = { streams: 0, events: 0 };
  const progress = (): VerifyProgress => {
    const elapsedMs = Date.now() - started;
    return { streams, events, elapsedMs, eventsPerSecond: Math.round((events / Math.max(1, elapsedMs)) * 1000) };
  };
  const byHeads = against?.heads !== undefined;
  const signedAt = against && { seq: against.checkpoint.seq, position: against.checkpoint.position };
  const tree = new MerkleRoot();
  let known = { streams: 0, events: 0 };
  let reported = 0;
  const read = store.streams({ prefix, hashes: true });
  for await (const { streamId, events: stored, signed } of besideSignedHeads(read, against?.heads, prefix)) {
    const chain = stored as readonly StoredEvent[];
    for (let i = 0; i < chain.length; i++) {
      const found = checkLink(chain[i], chain[i - 1], chain[i + 1]);
      if (found) {
        problems.push(found);
        break;
      }
    }
    if (byHeads) {
      const check = checkSignedHead(streamId, chain, signed, signedAt!);
      if (check.problem) problems.push(check.problem);
      after.events += check.after;
      if (check.after > 0) after.streams++;
    }
    if (chain.length === 0) continue;
    streams++;
    if (against && !byHeads) {
      // The heads as the checkpoint saw them: each stream's longest prefix at or below its position.
      const signedPart = knownPrefix(chain, { position: against.checkpoint.position });
      if (signedPart.length > 0) {
        const last = signedPart[signedPart.length - 1];
        tree.addHead({ streamId, version: last.version, hash: last.hash });
        known = { streams: known.streams + 1, events: known.events + signedPart.length };
      }
      if (signedPart.length < chain.length) {
        after.streams++;
        after.events += chain.length - signedPart.length;
      }
    }
    events += chain.length;
    if (events - reported >= (options.progressEvery ?? 5_000)) {
      reported = events;
      options.onProgress?.(progress());
    }
  }
  const storeProblems: string[] = [];
  if (against && !byHeads && tree.root() !== against.checkpoint.root) {
    const { streams: signedStreams, events: signedEvents } = against.checkpoint;
    storeProblems.push(
      `the store does not hash to the root checkpoint ${against.checkpoint.seq} signed: it signed ${signedStreams} streams and ${signedEvents} events at or below position ${against.checkpoint.position}, the store now holds ${known.streams} and ${known.events} there; without the checkpoint's heads file the streams cannot be named`,
    );
  }
  const report = progress();
  options.onProgress?.(report);
  const checkpoint: CheckpointComparison | undefined = against && {
    seq: against.checkpoint.seq,
    position: against.checkpoint.position,
    by: byHeads ? 'heads' : 'root',
    after,
    problems: storeProblems,
  };
  return { ...report, ok: problems.length === 0 && storeProblems.length === 0, problems, ...(checkpoint && { checkpoint }) };
};
