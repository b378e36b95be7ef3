import fs from 'node:fs';
import path from 'node:path';
import type { EventStore } from '../event-store.port';
import { besideSignedHeads, checkSignedHead } from '../verify/signed-head';
import type { StreamProblem } from '../verify/stream-chain';
import {
  appendCheckpoint,
  checkpointLogName,
  headsFileOf,
  readCheckpointLog,
  withCheckpointLock,
  type CheckpointProblem,
} from './checkpoint-log';
import {
  checkpointDigest,
  checkpointFormat,
  signCheckpoint,
  type Checkpoint,
  type SigningKey,
  type VerifyingKey,
} from './checkpoint-signature';
import { headsFileName, HeadsFileWriter, headsProblem, readHeadsFile } from './heads-file';
import { MerkleRoot, type StreamHead } from './merkle-root';

export interface TakeCheckpointOptions {
  /** The directory of the log (`checkpoints.jsonl`) and its heads files. */
  readonly dir: string;
  readonly key: SigningKey;
  /** Public keys that earlier checkpoints of the log may be signed with, after a key rotation (the key's own is trusted). */
  readonly trusted?: readonly VerifyingKey[];
  readonly now?: () => Date;
}

export interface CheckpointOutcome {
  readonly written: boolean;
  /** The log file. */
  readonly file: string;
  /** The checkpoint written, or the latest when nothing changed since it; undefined when refused. */
  readonly checkpoint: Checkpoint | undefined;
  /** Why nothing was signed: the log is damaged ... */
  readonly logProblems: readonly CheckpointProblem[];
  /** ... or the store no longer holds what the previous checkpoint signed. */
  readonly problems: readonly StreamProblem[];
}

/**
 * Signs the heads of every stream, as known at the store's head position, into a new checkpoint
 * of the log in `dir` (RFC 6962 Merkle root, position, time, previous checkpoint's digest), after
 * checking that the store still holds everything the previous checkpoint signed: a store whose
 * newest events were removed or whose chains were recomputed since is refused, not signed, so a
 * periodic checkpoint never launders tampering. Nothing changed since the latest: nothing written.
 * Reads only the hashes (no bodies); the chains themselves are `verifyStreams`'s to check.
 */
export const takeCheckpoint = async (store: EventStore, options: TakeCheckpointOptions): Promise<CheckpointOutcome> => {
  await fs.promises.mkdir(options.dir, { recursive: true });
  return withCheckpointLock(options.dir, async () => {
    const file = path.join(options.dir, checkpointLogName);
    const log = await readCheckpointLog(file, [options.key.verifying, ...(options.trusted ?? [])]);
    const logProblems = [...log.problems];
    const previous = log.checkpoints[log.checkpoints.length - 1];
    let previousHeads: AsyncIterable<StreamHead> | undefined;
    if (previous && logProblems.length === 0) {
      const headsFile = headsFileOf(file, previous);
      const problem = fs.existsSync(headsFile) ? await headsProblem(headsFile, previous) : `${headsFile} is missing`;
      if (problem) logProblems.push({ line: log.checkpoints.length, seq: previous.seq, detail: `its heads cannot be read: ${problem}` });
      else previousHeads = readHeadsFile(headsFile);
    }
    const refused = (problems: readonly StreamProblem[]): CheckpointOutcome => ({
      written: false,
      file,
      checkpoint: undefined,
      logProblems,
      problems,
    });
    if (logProblems.length > 0) return refused([]);

    const position = await store.headPosition();
    const seq = (previous?.seq ?? 0) + 1;
    const heads = new HeadsFileWriter(path.join(options.dir, headsFileName(seq)));
    try {
      const tree = new MerkleRoot();
      const problems: StreamProblem[] = [];
      let events = 0;
      const read = store.streams({ prefix: '', knownAt: { position }, hashes: true, dataOf: [], metadata: 'none', eventIds: false });
      for await (const { streamId, events: known, signed } of besideSignedHeads(read, previousHeads, '')) {
        if (previous) {
          const { problem } = checkSignedHead(streamId, known, signed, previous);
          if (problem) problems.push(problem);
        }
        if (known.length === 0) continue;
        const last = known[known.length - 1];
        const head = { streamId, version: last.version, hash: last.hash! };
        tree.addHead(head);
        await heads.add(head);
        events += known.length;
      }
      const root = tree.root();
      if (problems.length > 0 || (previous && previous.root === root && previous.position === position)) {
        await heads.discard();
        return problems.length > 0 ? refused(problems) : { written: false, file, checkpoint: previous, logProblems, problems };
      }
      await heads.commit();
      const checkpoint = signCheckpoint(
        {
          format: checkpointFormat,
          seq,
          at: (options.now?.() ?? new Date()).toISOString(),
          position,
          streams: tree.size,
          events,
          root,
          heads: headsFileName(seq),
          previous: previous ? checkpointDigest(previous) : null,
        },
        options.key,
      );
      await appendCheckpoint(file, checkpoint);
      return { written: true, file, checkpoint, logProblems, problems };
    } catch (error) {
      await heads.discard();
      throw error;
    }
  });
};
