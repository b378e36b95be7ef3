import fs from 'node:fs';
import path from 'node:path';
import { checkpointDigest, checkpointFormat, checkpointSignatureProblem, type Checkpoint, type VerifyingKey } from './checkpoint-signature';

/** The log's file name inside the checkpoint directory. */
export const checkpointLogName = 'checkpoints.jsonl';

/** Something wrong with the checkpoint log itself (as opposed to the store it describes). */
export interface CheckpointProblem {
  /** 1-based line of the log, when the problem is one line's. */
  readonly line: number | null;
  readonly seq: number | null;
  readonly detail: string;
}

export interface CheckpointLog {
  readonly file: string;
  readonly checkpoints: readonly Checkpoint[];
  /** The newest checkpoint whose signature verifies: the one a store is compared with. */
  readonly latest: Checkpoint | undefined;
  readonly problems: readonly CheckpointProblem[];
}

const hex64 = /^[0-9a-f]{64}$/;
const headsName = /^heads-\d{6,}\.jsonl\.gz$/;

/** A checkpoint as printed by `workwell checkpoint` ({"checkpoint": ...}) or as a line of the log; null if it is neither. */
export const parseCheckpoint = (text: string): Checkpoint | null => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const candidate = (value as { checkpoint?: unknown } | null)?.checkpoint ?? value;
  const c = candidate as Partial<Checkpoint> | null;
  const wellFormed =
    c !== null &&
    typeof c === 'object' &&
    c.format === checkpointFormat &&
    Number.isSafeInteger(c.seq) &&
    Number.isSafeInteger(c.position) &&
    Number.isSafeInteger(c.streams) &&
    Number.isSafeInteger(c.events) &&
    typeof c.at === 'string' &&
    typeof c.root === 'string' &&
    hex64.test(c.root) &&
    typeof c.heads === 'string' &&
    headsName.test(c.heads) &&
    (c.previous === null || (typeof c.previous === 'string' && hex64.test(c.previous))) &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string';
  return wellFormed ? (c as Checkpoint) : null;
};

/**
 * Reads a checkpoint log and checks every line: well formed, signed by a trusted key, and
 * following the line before it (its `previous` is that line's digest, its `seq` one more), so
 * that an edited, removed or reordered line is reported. Only the newest line that verifies is
 * used to compare the store with; a missing file is an empty log.
 */
export const readCheckpointLog = async (file: string, trusted: readonly VerifyingKey[]): Promise<CheckpointLog> => {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, checkpoints: [], latest: undefined, problems: [] };
    throw error;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: CheckpointProblem[] = [];
  const checkpoints: Checkpoint[] = [];
  let latest: Checkpoint | undefined;
  let before: Checkpoint | undefined;
  lines.forEach((lineText, i) => {
    const line = i + 1;
    const checkpoint = parseCheckpoint(lineText);
    if (!checkpoint) {
      problems.push({ line, seq: null, detail: 'it is not a checkpoint (not JSON, or a field is missing or malformed)' });
      before = undefined;
      return;
    }
    checkpoints.push(checkpoint);
    const signature = checkpointSignatureProblem(checkpoint, trusted);
    if (signature) problems.push({ line, seq: checkpoint.seq, detail: signature });
    else latest = checkpoint;
    const follows =
      line === 1
        ? checkpoint.seq === 1 && checkpoint.previous === null
        : before !== undefined && checkpoint.seq === before.seq + 1 && checkpoint.previous === checkpointDigest(before);
    if (!follows) {
      problems.push({
        line,
        seq: checkpoint.seq,
        detail:
          line === 1
            ? `the log starts at checkpoint ${checkpoint.seq}: the lines before it were removed`
            : 'it does not follow the line before it: a line was removed, reordered or changed',
      });
    }
    before = checkpoint;
  });
  return { file, checkpoints, latest, problems };
};

/** Appends one line and makes it durable before returning. */
export const appendCheckpoint = async (file: string, checkpoint: Checkpoint): Promise<void> => {
  const handle = await fs.promises.open(file, 'a', 0o644);
  try {
    await handle.write(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** The heads file a checkpoint names, beside the log it is in. */
export const headsFileOf = (logFile: string, checkpoint: Pick<Checkpoint, 'heads'>): string =>
  path.join(path.dirname(logFile), checkpoint.heads);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `work` holding the directory's lock file, so that two checkpoints written at once cannot
 * both take the next number. A lock left by a process that died is taken over.
 */
export const withCheckpointLock = async <T>(dir: string, work: () => Promise<T>): Promise<T> => {
  const lock = path.join(dir, 'checkpoints.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.promises.writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number(await fs.promises.readFile(lock, 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(holder) && alive(holder)) throw new Error(`another checkpoint is being written (process ${holder}, ${lock})`);
      await fs.promises.rm(lock, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
};
