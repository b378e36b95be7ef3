import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cliEntry = path.join(repoRoot, 'dist', 'apps', 'cli', 'src', 'main.js');

export interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

let checkpointDir: string | undefined;
const testCheckpointDir = (): string => (checkpointDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ww-checkpoints-')));
/** What runCli started and has not seen exit: a test that fails half-way leaves no engine running behind it. */
const running = new Set<Started>();

const stopped = async (started: Started): Promise<void> => {
  // Ctrl-C first, as a user would: the launcher then stops the API, the projector and its PostgreSQL.
  started.child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000)));
  const gone = await Promise.race([started.exited.then(() => true), late]);
  clearTimeout(timer);
  if (!gone) started.child.kill('SIGKILL');
};

// Once a test file's tests are done (this module is loaded by test files only).
afterAll(async () => {
  await Promise.all([...running].map(stopped));
  if (checkpointDir !== undefined) fs.rmSync(checkpointDir, { recursive: true, force: true });
  checkpointDir = undefined;
}, 30_000);

/** Runs the built `workwell` CLI as a user would, collecting everything it prints. */
export const runCli = (args: readonly string[], env: Record<string, string | undefined> = {}): Started => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  // A developer's own checkpoints (./.data/checkpoints) belong to another store: a test's tools keep theirs apart.
  childEnv.WORKWELL_CHECKPOINT_DIR = testCheckpointDir();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  const child = spawn(process.execPath, [cliEntry, ...args], { cwd: repoRoot, env: childEnv });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started: Started = { child, output: () => output, exited };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
};

/** Waits until the process has printed `text` (it may print it after it starts answering), or fails saying what it printed. */
export const waitForOutput = async (process: Started, text: string, deadlineMs: number): Promise<void> => {
  const deadline = Date.now() + deadlineMs;
  while (!process.output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`the process did not print "${text}" in ${deadlineMs} ms; it printed:\n${process.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Asks `url` until it answers `status` or the deadline passes (a wait for a process, not a timing assertion). */
export const waitForStatus = async (url: string, status: number, deadlineMs: number, process?: Started): Promise<Response> => {
  const deadline = Date.now() + deadlineMs;
  const output = process?.output;
  let last = 'no answer';
  let exited = false;
  void process?.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(url);
      if (response.status === status) return response;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} did not answer ${status}${exited ? ': the process exited' : ` in ${deadlineMs} ms`} (last: ${last})${output ? `\nthe process printed:\n${output().slice(-3000)}` : ''}`,
  );
};
