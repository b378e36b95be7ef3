import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, loadSecrets } from '@workwell/config';
import { createPool, migrate } from '@workwell/database';
import { JsonLogger } from '@workwell/observability';
import { allMigrations, openDatabase } from '@workwell/runtime';
import { UsageError, type CliCommand } from '../command';

const distRoot = path.resolve(__dirname, '..', '..', '..', '..');
const children: Record<'api' | 'projector', string> = {
  api: path.join(distRoot, 'apps', 'api', 'src', 'process.js'),
  projector: path.join(distRoot, 'apps', 'projector', 'src', 'process.js'),
};
const stopGraceMs = 10_000;

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Run the engine: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the API and the projector.',
  usage: '',
  help: 'Data of the embedded PostgreSQL lives in WORKWELL_DATA_DIR (default ./.data) and survives restarts.\nCtrl-C stops everything cleanly.',
  options: {},
  run: async () => {
    const config = loadConfig();
    await assertPortFree(config.port, config.host);
    loadSecrets(config);
    const logger = new JsonLogger('launcher', config.logLevel);
    const database = await openDatabase(config, (line) => logger.debug(line));
    const pool = createPool(database.url);
    const applied = await migrate(pool, allMigrations);
    await pool.end();
    logger.info('database ready', { embedded: database.embedded !== undefined, migrationsApplied: applied });

    const env = { ...process.env, DATABASE_URL: database.url };
    const running = new Map<string, ChildProcess>();
    let stopping = false;
    const stop = async (code: number): Promise<never> => {
      stopping = true;
      await Promise.all([...running.values()].map((child) => stopChild(child)));
      await database.embedded?.stop();
      logger.info('engine stopped');
      process.exit(code);
    };
    for (const [name, file] of Object.entries(children)) {
      const child = fork(file, [], { env, stdio: 'inherit' });
      running.set(name, child);
      child.on('exit', (code, signal) => {
        running.delete(name);
        if (stopping) return;
        logger.error(`${name} exited unexpectedly; stopping the engine`, { code, signal });
        void stop(1);
      });
    }
    // The launcher owns shutdown: the API and projector first, PostgreSQL last. The embedded
    // package's own signal hooks would stop PostgreSQL under them and exit with 130.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => void stop(0));
    }
    if (!(await whenListening(config.port, config.host, running.get('api')!))) return new Promise<number>(() => undefined);
    process.stderr.write(
      [
        '',
        `WorkWell engine running: API on http://localhost:${config.port} (health: http://localhost:${config.port}/health)`,
        `  a development token: npx workwell token --role coach --site <site> --sub <user>`,
        `  Ctrl-C stops the API, the projector and the embedded PostgreSQL.`,
        '',
      ].join('\n'),
    );
    return new Promise<number>(() => undefined);
  },
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Refuses to start at all when the API's port is taken (typically a second `npm start`), before the database is touched. */
const assertPortFree = (port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `port ${port} is in use (another \`npm start\`?): stop that one, or start on another port, e.g. PORT=${port + 1} npm start`,
            )
          : error,
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });

/** Resolves true once the API accepts connections, false if it exited first (its own error is already on stderr). */
const whenListening = (port: number, host: string, api: ChildProcess): Promise<boolean> =>
  new Promise((resolve) => {
    let exited = api.exitCode !== null;
    api.once('exit', () => (exited = true));
    const attempt = () => {
      if (exited) return resolve(false);
      const socket = net.connect({ port, host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
