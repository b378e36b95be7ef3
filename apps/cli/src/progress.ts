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
