import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { canonicalParticipantId, isParticipantId } from '@workwell/domain';

/** An option as `--help` shows it: what it takes and a sentence on what it does. */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** How the value is shown in help, e.g. `<n>`; `<value>` when absent. */
  readonly value?: string;
  readonly description: string;
}

export type Options = Readonly<Record<string, CliOption>>;

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Lines shown by `workwell <name> --help` after the usage line. */
  readonly help: string;
  readonly usage: string;
  readonly options: Options;
  run(parsed: ParsedArgs): Promise<number | void>;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** A mistake by the person at the keyboard: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export const parse = (command: CliCommand, argv: readonly string[]): ParsedArgs | 'help' => {
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(Object.entries(command.options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }])),
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) return 'help';
    return parsed;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify a positional argument.*$/, '')}. See: workwell ${command.name} --help`,
    );
  }
};

export const helpText = (command: CliCommand): string => {
  const lines = [`usage: workwell ${command.name} ${command.usage}`.trimEnd(), '', command.summary];
  if (command.help) lines.push('', command.help);
  lines.push('', 'options:');
  const shown: [string, string][] = [
    ...Object.entries(command.options).map(([name, option]): [string, string] => [
      `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}`,
      option.description,
    ]),
    ['-h, --help', 'Show this help.'],
  ];
  const width = Math.max(...shown.map(([flag]) => flag.length)) + 2;
  for (const [flag, description] of shown) lines.push(`  ${flag.padEnd(width)}${description}`);
  return lines.join('\n');
};

/** A participant named on the command line, folded to the one spelling every part of the system uses. */
export const participantIdArgument = (given: string | undefined, usage: string): string => {
  if (given === undefined || !isParticipantId(given)) throw new UsageError(`name the participant by id (a UUID): ${usage}`);
  return canonicalParticipantId(given);
};

export const requiredString = (parsed: ParsedArgs, name: string): string => {
  const value = parsed.values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
};

export const positiveInteger = (raw: string | undefined, name: string, fallback: number): number => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a whole number above 0 (got "${raw}")`);
  return Number(raw);
};

/**
 * `--seed`: the given one, for a reproducible run, or a fresh one, so that a second run (or an
 * import after a simulation) generates other participants instead of colliding with the first.
 * Printed either way, so that any run can be repeated.
 */
export const seedOption = (parsed: ParsedArgs): number => {
  const raw = parsed.values.seed as string | undefined;
  const seed = raw === undefined ? randomInt(1, 2 ** 31 - 1) : positiveInteger(raw, 'seed', 1);
  if (seed > 2 ** 31 - 1) throw new UsageError(`--seed must be at most ${2 ** 31 - 1} (got "${raw}")`);
  process.stderr.write(`seed ${seed}${raw === undefined ? ` (fresh; --seed ${seed} repeats this run)` : ''}\n`);
  return seed;
};

/** `--threads`: how many threads replay, rebuild or import parts of the store side by side; absent, the command's default. */
export const threadsOption = (parsed: ParsedArgs): number | undefined => {
  const raw = parsed.values.threads as string | undefined;
  if (raw === undefined) return undefined;
  const threads = positiveInteger(raw, 'threads', 1);
  if (threads > 64) throw new UsageError(`--threads must be 64 or fewer (got "${raw}")`);
  return threads;
};

export const THREADS_OPTION: CliOption = {
  type: 'string',
  value: '<n>',
  description:
    'Replay parts of the store on n threads side by side (default: half the cores, as each keeps a database backend busy too); the result is the same however many.',
};
