/** One progress line on stderr, rewritten in place on a terminal and printed every few seconds otherwise. */
let lastPrinted = 0;

export const progressLine = (text: string, final = false): void => {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${text}\x1b[K${final ? '\n' : ''}`);
    return;
  }
  const now = Date.now();
  if (final || now - lastPrinted >= 2_000) {
    lastPrinted = now;
    process.stderr.write(`${text}\n`);
  }
};

/** Ends a rewritten progress line on a terminal, so what follows starts on a line of its own. */
export const endProgress = (): void => {
  if (process.stderr.isTTY) process.stderr.write('\n');
};

/**
 * `[#######.............]  35% of ~1,200,000`: a bar against the planner's estimate of the
 * events table's rows (cheap to ask, close enough for a bar); just the count when unknown.
 */
export const progressBar = (done: number, estimate: number | undefined): string => {
  if (!estimate || estimate <= 0) return `${done.toLocaleString('en-GB')} events`;
  const share = Math.min(1, done / estimate);
  const filled = Math.round(share * 20);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(share * 100)).padStart(3)}% of ~${estimate.toLocaleString('en-GB')} events`;
};
