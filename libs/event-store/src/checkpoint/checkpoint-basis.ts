import fs from 'node:fs';
import { headsFileOf, parseCheckpoint, readCheckpointLog, type CheckpointProblem } from './checkpoint-log';
import { checkpointSignatureProblem, type Checkpoint, type VerifyingKey } from './checkpoint-signature';
import { headsProblem } from './heads-file';

/** The checkpoint a verification compares the store with, and what was wrong with the log it came from. */
export interface CheckpointBasis {
  /** The log file read (a line given by hand is looked up beside the default log for its heads). */
  readonly logFile: string;
  /** The newest checkpoint whose signature verifies; none when there is nothing to compare with. */
  readonly checkpoint: Checkpoint | undefined;
  /** Edited, removed or reordered lines, untrusted keys, a heads file that does not hash to the signed root. */
  readonly problems: readonly CheckpointProblem[];
  /** The checkpoint's heads file, present and authentic; absent: only the root can be recomputed. */
  readonly headsFile: string | undefined;
  /** What the verification could not do, said in the report without failing it. */
  readonly notes: readonly string[];
}

/**
 * Finds the checkpoint to verify against: the newest of the log at `logFile`, or the one `line`
 * gives (a line of a log, or `workwell checkpoint`'s output, kept by an auditor), and checks the
 * log's lines and the heads file against the signature. `trusted` is called only when there is a
 * checkpoint, so that a store never checkpointed needs no key to verify its chains.
 */
export const loadCheckpointBasis = async (
  source: { readonly logFile: string; readonly line?: string },
  trusted: () => readonly VerifyingKey[],
): Promise<CheckpointBasis> => {
  const { logFile } = source;
  let checkpoint: Checkpoint | undefined;
  const problems: CheckpointProblem[] = [];
  if (source.line !== undefined) {
    const given = parseCheckpoint(source.line);
    if (!given) throw new RangeError('The checkpoint given is not a checkpoint line.');
    const signature = checkpointSignatureProblem(given, trusted());
    if (signature) problems.push({ line: null, seq: given.seq, detail: `the checkpoint given: ${signature}` });
    else checkpoint = given;
  } else {
    if (!fs.existsSync(logFile)) return { logFile, checkpoint, problems, headsFile: undefined, notes: [`no checkpoint log at ${logFile}`] };
    const log = await readCheckpointLog(logFile, trusted());
    problems.push(...log.problems);
    checkpoint = log.latest;
    if (!checkpoint) return { logFile, checkpoint, problems, headsFile: undefined, notes: [`no checkpoint of ${logFile} verifies`] };
  }
  if (!checkpoint) return { logFile, checkpoint, problems, headsFile: undefined, notes: [] };
  const headsFile = headsFileOf(logFile, checkpoint);
  if (!fs.existsSync(headsFile)) {
    return {
      logFile,
      checkpoint,
      problems,
      headsFile: undefined,
      notes: [`the heads of checkpoint ${checkpoint.seq} (${headsFile}) are not at hand`],
    };
  }
  const damaged = await headsProblem(headsFile, checkpoint);
  if (damaged) problems.push({ line: null, seq: checkpoint.seq, detail: `its heads: ${damaged}` });
  return { logFile, checkpoint, problems, headsFile: damaged ? undefined : headsFile, notes: [] };
};
