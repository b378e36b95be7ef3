import { threadId } from 'node:worker_threads';

/** A partition module for the pool's own tests: sums its numbers, reporting as it goes; a negative one fails. */
export const runPartition = async (
  numbers: readonly number[],
  report: (done: number) => void,
): Promise<{ sum: number; threadId: number }> => {
  let sum = 0;
  for (const [i, n] of numbers.entries()) {
    if (n < 0) throw new Error(`cannot add ${n}`);
    sum += n;
    report(i + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { sum, threadId };
};
