import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type { Checkpoint } from './checkpoint-signature';
import { compareStreamIds, MerkleRoot, type StreamHead } from './merkle-root';

/** The heads file of checkpoint `seq`: gzip, one `["stream id", version, "hash"]` per line, in stream-id byte order. */
export const headsFileName = (seq: number): string => `heads-${String(seq).padStart(6, '0')}.jsonl.gz`;

export class HeadsFileDamaged extends Error {}

const hex64 = /^[0-9a-f]{64}$/;

/** The heads of a file, checked line by line for their form and order (not yet against a root: see `headsProblem`). */
export async function* readHeadsFile(file: string): AsyncGenerator<StreamHead> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  let previous: string | undefined;
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new HeadsFileDamaged(`line ${number} of ${file} is not JSON`);
      }
      const [streamId, version, hash] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
      if (
        typeof streamId !== 'string' ||
        !Number.isSafeInteger(version) ||
        (version as number) < 1 ||
        typeof hash !== 'string' ||
        !hex64.test(hash)
      )
        throw new HeadsFileDamaged(`line ${number} of ${file} is not a stream head`);
      if (previous !== undefined && compareStreamIds(previous, streamId) >= 0)
        throw new HeadsFileDamaged(`line ${number} of ${file} is out of stream-id order`);
      previous = streamId;
      yield { streamId, version: version as number, hash };
    }
  } catch (error) {
    if (error instanceof HeadsFileDamaged) throw error;
    throw new HeadsFileDamaged(`${file} cannot be read: ${(error as Error).message}`);
  } finally {
    lines.close();
  }
}

/**
 * Why a heads file cannot be trusted as the list of a checkpoint's heads, or null: it must be
 * readable and hash to the signed root, with as many streams and events as the checkpoint says.
 * (A missing file is the caller's to tell apart: the root can still be recomputed from the store.)
 */
export const headsProblem = async (file: string, checkpoint: Pick<Checkpoint, 'root' | 'streams' | 'events'>): Promise<string | null> => {
  const tree = new MerkleRoot();
  let events = 0;
  try {
    for await (const head of readHeadsFile(file)) {
      tree.addHead(head);
      events += head.version;
    }
  } catch (error) {
    return (error as Error).message;
  }
  if (tree.root() !== checkpoint.root || tree.size !== checkpoint.streams || events !== checkpoint.events)
    return `${file} does not hash to the signed root: the file was changed`;
  return null;
};

/** Writes a heads file next to its final name, then moves it there once complete and on disk. */
export class HeadsFileWriter {
  private readonly temporary: string;
  private readonly gzip = zlib.createGzip();
  private readonly output: fs.WriteStream;
  private pending: string[] = [];
  private readonly finished: Promise<void>;

  constructor(private readonly file: string) {
    this.temporary = `${file}.${process.pid}.partial`;
    this.output = fs.createWriteStream(this.temporary, { flags: 'wx', mode: 0o644 });
    this.gzip.pipe(this.output);
    this.finished = new Promise((resolve, reject) => {
      this.output.on('close', resolve);
      this.output.on('error', reject);
      this.gzip.on('error', reject);
    });
    this.finished.catch(() => undefined);
  }

  async add(head: StreamHead): Promise<void> {
    this.pending.push(`${JSON.stringify([head.streamId, head.version, head.hash])}\n`);
    if (this.pending.length < 1_000) return;
    await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
    this.gzip.end();
    await this.finished;
    const handle = await fs.promises.open(this.temporary, 'r');
    await handle.sync().finally(() => handle.close());
    await fs.promises.rename(this.temporary, this.file);
    const dir = await fs.promises.open(path.dirname(this.file), 'r');
    await dir.sync().finally(() => dir.close());
  }

  async discard(): Promise<void> {
    this.gzip.destroy();
    this.output.destroy();
    await fs.promises.rm(this.temporary, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }
}
