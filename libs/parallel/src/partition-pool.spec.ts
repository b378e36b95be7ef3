import { threadId } from 'node:worker_threads';
import { PartitionFailed, runPartitions } from './partition-pool';

const fixture = require.resolve('./partition-pool.fixture');

describe('runPartitions', () => {
  const inputs = [[1, 2, 3], [10], [100, 200], [1000, 2000, 3000, 4000]];

  it('spreads partitions over worker threads and answers in input order', async () => {
    const progress = new Map<number, number>();
    const results = await runPartitions<number[], number, { sum: number; threadId: number }>({
      module: fixture,
      inputs,
      threads: 2,
      onProgress: (index, done) => progress.set(index, done),
    });
    expect(results.map((r) => r.sum)).toEqual([6, 10, 300, 10000]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    expect(results.every((r) => r.threadId !== threadId)).toBe(true);
    expect([...progress.entries()].sort()).toEqual([
      [0, 3],
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('runs them in this thread, one after the other, with one thread', async () => {
    const results = await runPartitions<number[], number, { sum: number; threadId: number }>({ module: fixture, inputs, threads: 1 });
    expect(results).toEqual([6, 10, 300, 10000].map((sum) => ({ sum, threadId })));
  });

  it('stops at the first failure and says what it was', async () => {
    const run = runPartitions({ module: fixture, inputs: [[1], [2, -3], [4]], threads: 2 });
    await expect(run).rejects.toThrow(PartitionFailed);
    await expect(runPartitions({ module: fixture, inputs: [[1], [2, -3], [4]], threads: 2 })).rejects.toThrow('cannot add -3');
  });

  it('stops the threads when the caller stops the run from its progress callback (an interrupted import)', async () => {
    const interrupted = new Error('interrupted');
    const run = runPartitions({
      module: fixture,
      inputs,
      threads: 2,
      onProgress: () => {
        throw interrupted;
      },
    });
    await expect(run).rejects.toBe(interrupted);
  });
});
