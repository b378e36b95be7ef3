/** What every benchmark reports: one JSON line on stdout, ours next to the anchors measured in the same run. */
export interface BenchResult {
  readonly bench: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly anchors: Readonly<Record<string, number>>;
  readonly goal: string;
  readonly [extra: string]: unknown;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(args: readonly string[]): Promise<BenchResult>;
}

/** Progress goes to stderr so that stdout carries only the result line. */
export const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
};

export const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);
