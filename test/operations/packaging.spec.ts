import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, loadSecrets } from '@workwell/config';
import { repoRoot } from '../support/processes';

/** No Docker engine runs here: the files are parsed and checked for what operators rely on, and linted when hadolint is installed. */
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: { readonly op: string; readonly args: string }[];
}

const dockerfileStages = (text: string): Stage[] => {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const [from, as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length) stages[stages.length - 1].instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
};

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

const compose = (file: string) => parse(read(file), { merge: true }) as { services: Record<string, Service> };

/** Compose's own interpolation of `${NAME:?message}` and `${NAME:-default}` from the operator's environment. */
const interpolate = (value: string, env: Record<string, string>) =>
  value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_match, name: string) => {
    if (env[name] === undefined) throw new Error(`${name} is not set`);
    return env[name];
  });

const operatorEnv = {
  POSTGRES_PASSWORD: 'pg-password',
  WORKWELL_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  WORKWELL_JWT_SECRET: 'a-jwt-secret-of-more-than-32-characters!',
  WORKWELL_PSEUDONYM_KEY: Buffer.alloc(32, 2).toString('base64'),
};

describe('the production Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1];
  const ops = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('builds in one stage and runs from another with production dependencies only', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(stages.every((s) => s.from === '${NODE_IMAGE}')).toBe(true);
    expect(read('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(ops(runtime, 'RUN').join(' ')).toContain('npm ci --omit=dev');
    expect(ops(runtime, 'COPY')).toContain('--from=build /src/dist ./dist');
  });

  it('runs as a user that is not root, with a health check on /health/live', () => {
    const user = ops(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(['root', '0', '0:0']).not.toContain(user[0]);
    expect(runtime.instructions.findIndex((i) => i.op === 'USER')).toBeGreaterThan(runtime.instructions.findIndex((i) => i.op === 'RUN'));
    expect(ops(runtime, 'HEALTHCHECK').join(' ')).toContain('/health/live');
    expect(ops(runtime, 'ENTRYPOINT')).toEqual(['["node", "bin/workwell.js"]']);
  });

  it('bakes no secret in and leaves secrets, data and build output out of the build context', () => {
    const settings = stages.flatMap((s) => [...ops(s, 'ENV'), ...ops(s, 'ARG')]).join(' ');
    expect(settings).not.toMatch(/MASTER_KEY|JWT|PSEUDONYM|PASSWORD|SECRET|TOKEN|DATABASE_URL/);
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git', 'dev-secrets.json']) expect(ignored).toContain(entry);
  });

  it('passes hadolint when it is installed', () => {
    const version = spawnSync('hadolint', ['--version'], { encoding: 'utf8' });
    if (version.error) {
      process.stderr.write('packaging: hadolint is not installed here (not in Debian bookworm); Dockerfile lint skipped\n');
      expect(version.error.message).toMatch(/ENOENT/);
      return;
    }
    const lint = spawnSync('hadolint', [path.join(repoRoot, 'Dockerfile')], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});

describe.each([
  ['compose.yaml', ['postgres', 'migrate', 'api', 'projector'], 'postgres'],
  ['compose.eventstoredb.yaml', ['esdb1', 'esdb2', 'esdb3', 'postgres', 'migrate', 'api', 'projector'], 'eventstoredb'],
] as const)('%s', (file, names, eventStore) => {
  const { services } = compose(file);

  it('has the services, each with an image and a health check', () => {
    expect(Object.keys(services).sort()).toEqual([...names].sort());
    for (const [name, service] of Object.entries(services)) {
      expect(typeof service.image).toBe('string');
      if (name === 'migrate') expect(service.healthcheck).toEqual({ disable: true });
      else expect(service.healthcheck?.test?.length).toBeGreaterThan(1);
    }
    expect(services.migrate.build).toBe('.');
    expect(services.api.healthcheck!.test!.join(' ')).toContain('/health/live');
    expect(services.projector.healthcheck!.test!.join(' ')).toContain('3001/health/ready');
  });

  it('migrates once the database is healthy, then starts the API and the projector', () => {
    expect(services.migrate.command).toEqual(['migrate']);
    expect(services.migrate.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    for (const name of ['api', 'projector'])
      expect(services[name].depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
  });

  it('takes every secret from the operator, and its settings pass the engine’s own validation', () => {
    expect(() => interpolate(services.api.environment!.WORKWELL_MASTER_KEY, {})).toThrow('WORKWELL_MASTER_KEY is not set');
    const configOf = (name: string) => {
      const env = Object.fromEntries(Object.entries(services[name].environment!).map(([k, v]) => [k, interpolate(String(v), operatorEnv)]));
      const config = loadConfig(env);
      expect(loadSecrets(config, env).masterKeys).toHaveLength(1);
      return config;
    };
    for (const name of ['api', 'projector', 'migrate']) expect(configOf(name)).toMatchObject({ production: true, eventStore });
    expect(configOf('projector').projectorHealthPort).toBe(3001);
    expect(configOf('api').shutdownDelayMs).toBe(5000);
  });
});

describe('compose.eventstoredb.yaml', () => {
  it('makes a three-node cluster in which each node seeds from the other two, and the engine knows all three', () => {
    const { services } = compose('compose.eventstoredb.yaml');
    for (const node of ['esdb1', 'esdb2', 'esdb3']) {
      const env = services[node].environment!;
      expect(env.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(env.EVENTSTORE_GOSSIP_SEED.split(',').sort()).toEqual(
        ['esdb1', 'esdb2', 'esdb3'].filter((n) => n !== node).map((n) => `${n}:2113`),
      );
      expect(services.api.depends_on?.[node]).toEqual({ condition: 'service_healthy' });
    }
    expect(services.api.environment!.EVENTSTORE_CONNECTION_STRING).toMatch(/^esdb:\/\/esdb1:2113,esdb2:2113,esdb3:2113\?/);
  });
});

describe('the Node version', () => {
  it('is the one the project claims: .nvmrc, the engines floor, the node devDependency and the image agree, and these tests run on it', () => {
    const manifest = JSON.parse(read('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };
    const pinned = read('.nvmrc').trim();
    expect(manifest.devDependencies.node).toBe(pinned);
    expect(manifest.engines.node).toBe(`>=${pinned}`);
    expect(read('Dockerfile')).toContain(`ARG NODE_IMAGE=node:${pinned.split('.')[0]}-`);
    expect(process.version).toBe(`v${pinned}`);
  });
});
