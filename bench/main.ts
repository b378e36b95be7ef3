import type { Benchmark } from './bench';
import { benchmarks } from './registry';

const usage = (): string =>
  [
    'usage: npm run bench -- <name> [options]',
    '',
    'benchmarks:',
    ...benchmarks.map((b: Benchmark) => `  ${b.name.padEnd(10)} ${b.description}`),
  ].join('\n');

const main = async (): Promise<void> => {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return;
  }
  const benchmark = benchmarks.find((b) => b.name === name);
  if (!benchmark) {
    process.stderr.write(`unknown benchmark "${name}"\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }
  const result = await benchmark.run(args);
  process.stdout.write(JSON.stringify(result) + '\n');
};

main().then(
  () => process.exit(),
  (error: Error) => {
    process.stderr.write(`benchmark failed: ${error.message}\n`);
    process.exit(1);
  },
);
