import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { carry, generateJourneys } from '@workwell/synthetic';
import { freePort } from '@workwell/testing';
import { helpText, parse, seedOption } from '../../apps/cli/src/command';
import { commands } from '../../apps/cli/src/commands';
import { repoRoot, runCli } from '../support/processes';

jest.setTimeout(60_000);

const finished = async (args: string[], env: Record<string, string | undefined> = {}) => {
  const run = runCli(args, env);
  return { code: await run.exited, output: run.output() };
};

describe('the workwell command line, as a newcomer meets it', () => {
  it('prints its version with --version and -v', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await finished([flag])).toEqual({ code: 0, output: `workwell ${version}\n` });
  });

  it('says in a sentence what every option of every command does', () => {
    for (const command of commands) {
      const help = helpText(command);
      const optionLines = help.split('\n').slice(help.split('\n').indexOf('options:') + 1);
      expect(optionLines.length).toBe(Object.keys(command.options).length + 1);
      for (const [name, option] of Object.entries(command.options)) {
        const line = optionLines.find((l) => l.includes(`--${name}`));
        expect({ command: command.name, option: name, line }).toEqual({
          command: command.name,
          option: name,
          line: expect.stringMatching(new RegExp(`--${name}\\b.*\\s{2,}[A-Z][^]{10,}\\.$`)),
        });
        expect(option.description.length).toBeGreaterThan(10);
      }
    }
  });

  it('shows the sentences in `workwell <command> --help`', async () => {
    const { code, output } = await finished(['extract', '--help']);
    expect(code).toBe(0);
    expect(output).toMatch(/--allow-empty\s+Write and record the extract even when it holds no rows/);
    expect(output).toMatch(/--as-of <point>\s+As known at:/);
  });

  it('draws a fresh seed unless --seed is given, prints it, and so never generates the same participants twice', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      const options = commands.find((c) => c.name === 'simulate')!;
      const given = seedOption(parse(options, ['--seed', '42']) as never);
      const fresh = [seedOption(parse(options, []) as never), seedOption(parse(options, []) as never)];
      expect(given).toBe(42);
      expect(fresh[0]).not.toBe(fresh[1]);
      expect(written[0]).toBe('seed 42\n');
      expect(written[1]).toBe(`seed ${fresh[0]} (fresh; --seed ${fresh[0]} repeats this run)\n`);
      const ids = (seed: number) =>
        new Set(
          [
            ...generateJourneys({
              seed,
              participants: 20,
              sites: ['leeds'],
              startDate: '2025-01-01',
              referralPeriodDays: 300,
              asOf: '2026-01-01T00:00:00Z',
              seal: carry,
            }),
          ].map((j) => j.participantId),
        );
      const [a, b] = [ids(fresh[0]), ids(fresh[1])];
      expect([...a].filter((id) => b.has(id))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('says in one line that the port is taken, before printing any banner or starting anything', async () => {
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '0.0.0.0', resolve));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-port-'));
    try {
      const { code, output } = await finished(['start'], {
        PORT: String(port),
        WORKWELL_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await freePort()),
      });
      expect({ code, output }).toEqual({
        code: 2,
        output: `workwell: port ${port} is in use (another \`npm start\`?): stop that one, or start on another port, e.g. PORT=${port + 1} npm start\n`,
      });
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      taken.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)(
    'as root, names a data directory the embedded server cannot enter, and the fix, in one line (needs root)',
    async () => {
      const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-closed-'));
      fs.chmodSync(closed, 0o700);
      try {
        const { code, output } = await finished(['migrate'], {
          WORKWELL_DATA_DIR: path.join(closed, 'data'),
          EMBEDDED_PG_PORT: String(await freePort()),
        });
        expect(code).toBe(1);
        expect(output.trim().split('\n')).toEqual([
          `workwell: the embedded PostgreSQL runs as the user "postgres" (this process runs as root), which cannot enter ${closed} (mode 700): run \`chmod o+x ${closed}\`, or set WORKWELL_DATA_DIR to a directory outside it`,
        ]);
      } finally {
        fs.rmSync(closed, { recursive: true, force: true });
      }
    },
  );
});
