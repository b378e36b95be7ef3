import { apiBenchmark } from './api.bench';
import type { Benchmark } from './bench';
import { lagBenchmark } from './lag.bench';
import { rebuildBenchmark } from './rebuild.bench';
import { appendBenchmark } from './append.bench';
import { importBenchmark } from './import.bench';
import { interchangeBenchmark } from './interchange.bench';
import { readAllBenchmark } from './read-all.bench';
import { replayBenchmark } from './replay.bench';

/** Each benchmark module adds itself here. */
export const benchmarks: readonly Benchmark[] = [
  lagBenchmark,
  rebuildBenchmark,
  apiBenchmark,
  appendBenchmark,
  importBenchmark,
  readAllBenchmark,
  replayBenchmark,
  interchangeBenchmark,
];
