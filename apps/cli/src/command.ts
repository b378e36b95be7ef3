import { parseArgs, type ParseArgsConfig } from 'node:util';
import { canonicalParticipantId, isParticipantId } from '@workwell/domain';

export type Options = NonNullable<ParseArgsConfig['options']>;

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
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
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
  const options = Object.entries(command.options);
  if (options.length > 0) lines.push('', 'options:');
  for (const [name, option] of options) lines.push(`  --${name}${option.type === 'string' ? ' <value>' : ''}`);
  lines.push('  --help          show this help');
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

/** `--threads`: how many threads replay, rebuild or import parts of the store side by side; absent, the command's default. */
export const threadsOption = (parsed: ParsedArgs): number | undefined => {
  const raw = parsed.values.threads as string | undefined;
  if (raw === undefined) return undefined;
  const threads = positiveInteger(raw, 'threads', 1);
  if (threads > 64) throw new UsageError(`--threads must be 64 or fewer (got "${raw}")`);
  return threads;
};

export const THREADS_HELP =
  '--threads <n> replays parts of the store on n threads side by side (default: half the cores, as each keeps a database backend busy too); the result is the same however many.';
