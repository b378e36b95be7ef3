import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A module that works on one partition: `runPartition(input, report)` resolves with what it
 * found. Inputs, progress and results cross threads by structured clone, so they are plain data.
 */
export interface PartitionModule<I, P, O> {
  runPartition(input: I, report: (progress: P) => void): Promise<O>;
}

export interface PartitionRun<I, P> {
  /** `require.resolve` of the partition module: compiled JavaScript, or TypeScript when run from the sources. */
  readonly module: string;
  readonly inputs: readonly I[];
  /** Worker threads to spread the partitions over (default: one per core); 1 runs them here, one at a time. */
  readonly threads?: number;
  readonly onProgress?: (index: number, progress: P) => void;
}

export class PartitionFailed extends Error {}

/** The swc setup the build uses, so that a thread started from the TypeScript sources (the tests) runs them as they ship. */
const swcOptionsFile = path.resolve(__dirname, '../../../scripts/swc-options.js');

// Evaluated as the thread's main script; it waits for partitions and answers each one.
const threadScript = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.transpile) {
  const fs = require('node:fs');
  const swc = require('@swc/core');
  const options = require(workerData.swcOptionsFile)();
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, sourceMaps: 'inline', filename, swcrc: false });
    module._compile(code, filename);
  };
}
const task = require(workerData.module);
parentPort.on('message', ({ index, input }) => {
  task.runPartition(input, (progress) => parentPort.postMessage({ index, progress })).then(
    (result) => parentPort.postMessage({ index, result }),
    (error) => parentPort.postMessage({ index, error: { message: String(error && error.message || error), stack: error && error.stack } }),
  );
});
`;

/**
 * The threads' young generation: 96 MB (semi-spaces of 32 MB) instead of V8's 48. An import's
 * thread allocates its rows, decisions and sealed fields by the gigabyte, and most die young: in a
 * CPU profile of an interchange import of 1,000,000 events, collection fell from a fifth of a
 * thread's time to about 13%. Three runs of each, alternated: `import --synthetic` of 57,000
 * participants took 52.1 s of CPU instead of 57.1 (wall 37.6 s instead of 42.7); the interchange
 * import 66.8 s instead of 68.6, within the machine's noise.
 */
const threadLimits = { maxYoungGenerationSizeMb: 96 };

type Reply<P, O> = { index: number; progress?: P; result?: O; error?: { message: string; stack?: string } };

/**
 * Threads for work on this machine's cores. A replay keeps its database backend as busy as
 * itself, so it takes half the cores (on 2, one thread was as fast as two, with half the
 * memory); a rebuild waits on its writers and gains from one per core.
 */
export const defaultThreads = (share: 'per-core' | 'half-the-cores' = 'per-core'): number =>
  Math.max(1, share === 'per-core' ? os.availableParallelism() : Math.floor(os.availableParallelism() / 2));

const inThisThread = async <I, P, O>(run: PartitionRun<I, P>): Promise<O[]> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const task = require(run.module) as PartitionModule<I, P, O>;
  const results: O[] = [];
  for (const [index, input] of run.inputs.entries())
    results.push(await task.runPartition(input, (progress) => run.onProgress?.(index, progress)));
  return results;
};

/**
 * Runs every partition, each on one of `threads` worker threads as they come free, and gives
 * their results in the order of the inputs. The first failure stops the others and is thrown.
 */
export const runPartitions = async <I, P, O>(run: PartitionRun<I, P>): Promise<O[]> => {
  const threads = Math.min(run.threads ?? defaultThreads(), run.inputs.length);
  if (threads <= 1) return inThisThread<I, P, O>(run);
  const results: O[] = new Array(run.inputs.length);
  const workers: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const give = (worker: Worker): void => {
        if (next >= run.inputs.length) return;
        const index = next++;
        worker.postMessage({ index, input: run.inputs[index] });
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(threadScript, {
          eval: true,
          resourceLimits: threadLimits,
          workerData: { module: run.module, transpile: run.module.endsWith('.ts'), swcOptionsFile },
        });
        workers.push(worker);
        worker.on('message', (reply: Reply<P, O>) => {
          if (reply.error) return reject(new PartitionFailed(reply.error.message, { cause: reply.error }));
          if (reply.progress !== undefined) {
            // A caller that stops the run from its progress callback (an interrupted import) stops the threads too.
            try {
              run.onProgress?.(reply.index, reply.progress);
            } catch (error) {
              reject(error);
            }
            return;
          }
          results[reply.index] = reply.result as O;
          if (++finished === run.inputs.length) return resolve();
          give(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (finished < run.inputs.length)
            reject(new PartitionFailed(`a partition thread stopped (exit code ${code}) before its work was done`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
};
