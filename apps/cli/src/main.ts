import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@workwell/config';
import { helpText, parse, UsageError, type CliCommand } from './command';
import { commands } from './commands';

const overview = (): string =>
  [
    'usage: workwell <command> [options]',
    '',
    'The WorkWell journey engine: event-sourced participant journeys, read models and the tools of',
    'coaches, evaluators and auditors.',
    '',
    'commands:',
    ...commands.map((c: CliCommand) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Run `workwell <command> --help` for the options of one command, `workwell --version` for the version.',
  ].join('\n');

/** The engine's version: the package.json above this file, from the sources or from dist/. */
const version = (): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
};

const main = async (argv: string[]): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`workwell ${version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"; run \`workwell --help\` for the list`);
  const parsed = parse(command, rest);
  if (parsed === 'help') {
    process.stdout.write(helpText(command) + '\n');
    return 0;
  }
  return (await command.run(parsed)) ?? 0;
};

// Exits explicitly: an exit hook of the embedded PostgreSQL package would otherwise end the process with 0.
const exit = (code: number): void => {
  process.stdout.write('', () => process.exit(code));
};

main(process.argv.slice(2)).then(exit, (error: Error) => {
  process.stderr.write(`workwell: ${error.message}\n`);
  exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
});
