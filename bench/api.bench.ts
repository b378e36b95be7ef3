import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrate } from '@workwell/database';
import { allMigrations } from '@workwell/runtime';
import { freePort } from '@workwell/testing';
import { mintToken } from '@workwell/auth';
import {
  cpuPerUnit,
  describeCpu,
  emptyCpuTally,
  measureCpu,
  ownCpuSeconds,
  postgresCpuSeconds,
  processCpuSeconds,
  progress,
  rssMb,
  type Benchmark,
  type CpuTally,
} from './bench';
import { openBenchDatabase } from './import.bench';

const secret = 'bench-secret-bench-secret-bench-secret!!';
const participants = 2_000;
const durationSeconds = 10;
/** Throughput is measured in windows of this many seconds, ours and the anchor's in the order ABBA twice. */
const windowSeconds = 2.5;

/** Starts a server process and resolves once `readyUrl` answers. */
const startProcess = async (file: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> => {
  const child = spawn(
    process.execPath,
    [...(process.env.WORKWELL_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WORKWELL_BENCH_PROFILE}`] : []), file],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  for (let attempt = 0; attempt < 200 && exited === undefined; attempt++) {
    if (
      await fetch(readyUrl).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${path.basename(file)} did not start${exited === undefined ? '' : ` (exited with ${exited})`}`);
};

/** What a server did in its throughput windows: answers, and the CPU each process of the machine spent on them. */
interface Tally {
  ok: number;
  non2xx: number;
  cpu: CpuTally;
}

const newTally = (): Tally => ({ ok: 0, non2xx: 0, cpu: emptyCpuTally() });

/**
 * One window of load on `server`: its answers, and the CPU of the server's process, of PostgreSQL
 * and of this process (autocannon, the load generator) meanwhile. On two cores all three share
 * the machine, so what each costs a request decides how far either server can go.
 */
const measureWindow = async (server: ChildProcess, tally: Tally, run: () => Promise<autocannon.Result>): Promise<void> => {
  const result = await measureCpu(
    tally.cpu,
    { server: () => processCpuSeconds(server.pid), postgres: postgresCpuSeconds, loadGenerator: ownCpuSeconds },
    run,
  );
  tally.ok += result['2xx'];
  tally.non2xx += result.non2xx;
};

const session = JSON.stringify({ occurredAt: '2026-02-02T10:00:00Z', mode: 'phone', durationMinutes: 30 });

/** POSTs a coaching session to each participant in turn, with a fresh Idempotency-Key each time. */
const load = (
  url: string,
  ids: readonly string[],
  token: string,
  options: { connections: number; overallRate?: number; seconds?: number },
) => {
  let next = 0;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.seconds ?? durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/participants/${ids[next++ % ids.length]}/sessions`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          body: session,
        }),
      },
    ],
  });
};

const referAll = async (url: string, token: string): Promise<string[]> => {
  const ids = Array.from({ length: participants }, () => randomUUID());
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then((r) => {
      if (!r.ok) throw new Error(`setup ${path} answered ${r.status}`);
    });
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map(async (id) => {
        await post('/participants', {
          participantId: id,
          occurredAt: '2026-01-05T10:00:00Z',
          referralSource: 'gp',
          employmentStatus: 'employed-off-sick',
          fitNoteHeld: true,
          contactPreference: 'phone',
          personalDetails: { name: 'Bench Participant', dateOfBirth: '1980-01-01', nhsNumber: '9434765919', postcode: 'LS1 4AP' },
          demographics: { sex: 'not-disclosed', ethnicity: 'not-disclosed', disability: 'not-disclosed', imdDecile: 'not-disclosed' },
        });
        await post(`/participants/${id}/triage`, {
          occurredAt: '2026-01-05T12:00:00Z',
          decision: 'accepted',
          eligibility: {
            workingAge: true,
            healthConditionOrDisability: true,
            inWorkOrRecentlyOutOfWork: true,
            livesOrRegisteredWithGpInArea: true,
          },
          assignedCoachId: 'coach-1',
        });
      }),
    );
  }
  return ids;
};

export const apiBenchmark: Benchmark = {
  name: 'api',
  description: 'commands/s end to end (HTTP, validate, decide, append) and p50/p99 at 1,000 requests/s',
  run: async () => {
    const db = await openBenchDatabase('api');
    const pool = db.pool(2);
    await migrate(pool, allMigrations);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workwell-bench-api-'));
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      WORKWELL_DATA_DIR: dataDir,
      WORKWELL_JWT_SECRET: secret,
      WORKWELL_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
      WORKWELL_PSEUDONYM_KEY: Buffer.alloc(32, 4).toString('base64'),
    };
    const children: ChildProcess[] = [];
    try {
      const api = await startProcess(
        path.join(__dirname, '..', 'apps', 'api', 'src', 'process.js'),
        env,
        `http://127.0.0.1:${port}/openapi.json`,
      );
      children.push(api);
      const url = `http://127.0.0.1:${port}`;
      const token = await mintToken(
        { sub: 'coach-1', role: 'coach', site: 'bench', ttlSeconds: 3600 },
        { jwtSecret: secret, jwtPublicKey: undefined, masterKeys: [], pseudonymKey: Buffer.alloc(0), generatedFile: undefined },
      );
      progress(`referring ${participants} participants through the API`);
      const ids = await referAll(url, token);

      const anchorPort = await freePort();
      const anchor = await startProcess(
        path.join(__dirname, 'anchors', 'plain-insert-server.js'),
        { DATABASE_URL: db.url, PORT: String(anchorPort) },
        `http://127.0.0.1:${anchorPort}/`,
      );
      children.push(anchor);
      const anchorUrl = `http://127.0.0.1:${anchorPort}`;

      // Interleaved, so that the load of a shared machine falls on both alike: a quiet spell during
      // one server's only window would otherwise decide the ratio.
      progress(
        `throughput at 32 connections: ours and the anchor (plain Fastify + INSERT), ${durationSeconds} s each in windows of ${windowSeconds} s`,
      );
      const ours = newTally();
      const plain = newTally();
      const windows = Math.round(durationSeconds / windowSeconds);
      for (let i = 0; i < windows * 2; i++) {
        const oursNow = [0, 3].includes(i % 4);
        if (oursNow) await measureWindow(api, ours, () => load(url, ids, token, { connections: 32, seconds: windowSeconds }));
        else await measureWindow(anchor, plain, () => load(anchorUrl, ids, token, { connections: 32, seconds: windowSeconds }));
      }
      // Over the windows' measured length (a window outlasts its nominal seconds by its start and its last answers).
      const commandsPerSecond = Math.round(ours.ok / ours.cpu.wallSeconds);
      const anchorPerSecond = Math.round(plain.ok / plain.cpu.wallSeconds);
      const cpu = { ours: cpuPerUnit(ours.cpu, ours.ok + ours.non2xx), anchor: cpuPerUnit(plain.cpu, plain.ok + plain.non2xx) };
      const labels = { server: 'the server', postgres: 'PostgreSQL', loadGenerator: 'load generator' };
      progress(
        `ours: ${commandsPerSecond} commands/s (${ours.non2xx} non-2xx, of them conflicts when two requests hit one participant); ` +
          `CPU a command: ${describeCpu(cpu.ours, labels)}`,
      );
      progress(`anchor: ${anchorPerSecond} requests/s; CPU a request: ${describeCpu(cpu.anchor, labels)}`);

      progress(`latency: ${durationSeconds} s at 1,000 requests/s, ours then the anchor's`);
      const paced = await load(url, ids, token, { connections: 32, overallRate: 1_000 });
      progress(`ours: p50 ${paced.latency.p50} ms, p99 ${paced.latency.p99} ms`);
      const anchorPaced = await load(anchorUrl, ids, token, { connections: 32, overallRate: 1_000 });
      progress(`anchor: p50 ${anchorPaced.latency.p50} ms, p99 ${anchorPaced.latency.p99} ms`);
      const ratio = Math.round((commandsPerSecond / anchorPerSecond) * 100) / 100;
      return {
        bench: 'api',
        metric: 'commands per second end to end (HTTP, auth, validation, decide, append)',
        unit: 'commands/s',
        value: commandsPerSecond,
        anchors: { 'plain Fastify + INSERT': anchorPerSecond },
        goal: 'at least 1.0x the plain route; p99 at most 25 ms at 1,000 requests/s',
        p50_ms_at_1000rps: paced.latency.p50,
        p99_ms_at_1000rps: paced.latency.p99,
        anchor_p99_ms_at_1000rps: anchorPaced.latency.p99,
        non2xx: ours.non2xx,
        ratio_to_anchor: ratio,
        cpu_ms_per_command: cpu.ours.ms.server,
        anchor_cpu_ms_per_request: cpu.anchor.ms.server,
        // The whole machine's CPU a request (the server's process, PostgreSQL, the load generator), how
        // busy its cores were, and the rate at which each would keep every core busy.
        cpu_ms_per_request: { ours: cpu.ours.ms, anchor: cpu.anchor.ms },
        machine_busy: { ours: cpu.ours.machineBusy, anchor: cpu.anchor.machineBusy },
        ceiling_per_second: { ours: cpu.ours.ceilingPerSecond, anchor: cpu.anchor.ceilingPerSecond },
        goalMet: { throughput: ratio >= 1, p99: paced.latency.p99 <= 25 },
        rss_mb: rssMb(),
      };
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await pool.end().catch(() => undefined);
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
