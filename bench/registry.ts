import type { Benchmark } from './bench';

/** Each benchmark module adds itself here. */
export const benchmarks: readonly Benchmark[] = [];
