import fs from 'node:fs';
import os from 'node:os';

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

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): state is [0], utime [11], stime [12]. */
const statFields = (pid: number | string): { command: string; fields: string[] } | undefined => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { command: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
  } catch {
    return undefined;
  }
};

const ticksPerSecond = 100;

/** CPU seconds (user + system) the process `pid` has used so far; undefined where there is no /proc entry for it. */
export const processCpuSeconds = (pid: number | undefined): number | undefined => {
  const stat = pid === undefined ? undefined : statFields(pid);
  return stat && (Number(stat.fields[11]) + Number(stat.fields[12])) / ticksPerSecond;
};

/**
 * CPU seconds (user + system) this machine's PostgreSQL processes have used so far: the server's
 * side of a benchmark, when the server runs here (the embedded one, or DATABASE_URL on this
 * machine). Backends that have ended count through their postmaster's times of reaped children.
 * Undefined where no PostgreSQL process is visible (a server elsewhere, or no /proc). Counts every
 * PostgreSQL server of the machine, so it means what it says only while no other one is busy.
 */
export const postgresCpuSeconds = (): number | undefined => {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  let seen = false;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(entry);
    if (stat?.command !== 'postgres') continue;
    seen = true;
    const [utime, stime, cutime, cstime] = stat.fields.slice(11, 15).map(Number);
    ticks += utime + stime + cutime + cstime;
  }
  return seen ? ticks / ticksPerSecond : undefined;
};

/** CPU seconds (user + system) this process has used so far. */
export const ownCpuSeconds = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};

/** Where a run's CPU went: each named process's CPU seconds, and the wall seconds it took. */
export interface CpuTally {
  /** Per process; undefined once a reading of it failed. */
  seconds: Record<string, number | undefined>;
  wallSeconds: number;
}

export const emptyCpuTally = (): CpuTally => ({ seconds: {}, wallSeconds: 0 });

/**
 * Runs `work` and adds to `tally` the CPU each of `meters` (a name and a reading of CPU seconds so
 * far) spent meanwhile, and the wall time; a meter that cannot read makes its sum undefined.
 */
export const measureCpu = async <T>(
  tally: CpuTally,
  meters: Readonly<Record<string, () => number | undefined>>,
  work: () => Promise<T>,
): Promise<T> => {
  const names = Object.keys(meters);
  const before = names.map((name) => meters[name]());
  const started = performance.now();
  const result = await work();
  tally.wallSeconds += (performance.now() - started) / 1000;
  names.forEach((name, i) => {
    const [start, end, sum] = [before[i], meters[name](), name in tally.seconds ? tally.seconds[name] : 0];
    tally.seconds[name] = start === undefined || end === undefined || sum === undefined ? undefined : sum + end - start;
  });
  return result;
};

/**
 * What a tally says per unit of work: milliseconds of CPU of each process and in all, how busy the
 * machine's cores were, and how many units a second the whole machine could do at that cost (its
 * ceiling: the rate at which every core would be busy).
 */
export const cpuPerUnit = (
  tally: CpuTally,
  units: number,
  perUnits = 1,
): { ms: Record<string, number | null>; machineBusy: number | null; ceilingPerSecond: number | null } => {
  const round = (value: number) => Math.round(value * 100) / 100;
  const ms: Record<string, number | null> = {};
  let total: number | undefined = 0;
  for (const [name, seconds] of Object.entries(tally.seconds)) {
    ms[name] = seconds === undefined || units === 0 ? null : round((seconds * 1000 * perUnits) / units);
    total = seconds === undefined || total === undefined ? undefined : total + seconds;
  }
  ms.total = total === undefined || units === 0 ? null : round((total * 1000 * perUnits) / units);
  const cores = os.availableParallelism();
  return {
    ms,
    machineBusy: total === undefined || tally.wallSeconds === 0 ? null : round(total / (cores * tally.wallSeconds)),
    ceilingPerSecond: total === undefined || total === 0 ? null : Math.round((cores * units) / total),
  };
};

/** "the server 0.36, PostgreSQL 0.10, load generator 0.09, in all 0.54 ms; the cores 87% busy; at this cost all cores would do 3,700/s". */
export const describeCpu = (per: ReturnType<typeof cpuPerUnit>, labels: Readonly<Record<string, string>>, unit = 'ms'): string => {
  const parts = Object.entries(per.ms)
    .filter(([name]) => name !== 'total')
    .map(([name, ms]) => `${labels[name] ?? name} ${ms ?? 'unknown'}`);
  const busy = per.machineBusy === null ? 'unknown' : `${Math.round(per.machineBusy * 100)}%`;
  const ceiling = per.ceilingPerSecond === null ? 'unknown' : `${per.ceilingPerSecond.toLocaleString('en-GB')}/s`;
  return `${parts.join(', ')}, in all ${per.ms.total ?? 'unknown'} ${unit}; the cores ${busy} busy; at this cost all cores would do ${ceiling}`;
};
