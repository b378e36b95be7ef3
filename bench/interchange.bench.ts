import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '@workwell/database';
import { PostgresEventStore } from '@workwell/event-store';
import { exportInterchangeFile, importInterchangeFile, importSyntheticJourneys } from '@workwell/interchange';
import { PostgresKeyStore } from '@workwell/key-store';
import { defaultThreads } from '@workwell/parallel';
import { allMigrations } from '@workwell/runtime';
import { siteIdsOf } from '@workwell/synthetic';
import { progress, rssMb, type Benchmark } from './bench';
import { openBenchDatabase } from './import.bench';

const flag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};

const NOW = new Date('2026-11-01T00:00:00Z');
const masterKeys = [{ id: 'bench', key: Buffer.alloc(32, 11) }];
const admin = { userId: 'bench', role: 'admin' as const, organisation: 'bench', site: 'national' };

/** One file of every site's export, under one header: what a deployment moving as a whole would hand over. */
const mergeExports = (files: readonly string[], merged: string): void => {
  const out = fs.openSync(merged, 'w');
  try {
    files.forEach((file, i) => {
      const text = fs.readFileSync(file, 'utf8');
      const firstLineEnd = text.indexOf('\n') + 1;
      fs.writeSync(out, i === 0 ? `${JSON.stringify({ ...JSON.parse(text.slice(0, firstLineEnd)), siteId: null })}\n` : '');
      fs.writeSync(out, text.slice(firstLineEnd));
    });
  } finally {
    fs.closeSync(out);
  }
};

export const interchangeBenchmark: Benchmark = {
  name: 'interchange',
  description:
    'imports an interchange file of N synthetic participants (exported from a first store) into an empty one, against import --synthetic of the same participants, both on the same threads (--participants 57000 --sites 15 --threads <cores>)',
  run: async (args) => {
    const participants = flag(args, 'participants', 57_000);
    const sites = flag(args, 'sites', 15);
    const threads = flag(args, 'threads', defaultThreads());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workwell-bench-interchange-'));
    const [source, target] = [await openBenchDatabase('interchange'), await openBenchDatabase('interchange')];
    try {
      const sourcePool = source.pool(4);
      const targetPool = target.pool(6);
      await Promise.all([migrate(sourcePool, allMigrations), migrate(targetPool, allMigrations)]);
      const sourceStore = new PostgresEventStore(sourcePool);
      const targetStore = new PostgresEventStore(targetPool);

      progress(`import --synthetic ${participants} participants on ${threads} thread(s)`);
      const synthetic = await importSyntheticJourneys(sourcePool, sourceStore, {
        participants,
        seed: 1,
        sites,
        now: NOW,
        masterKeys,
        threads,
      });
      progress(`import --synthetic: ${synthetic.events} events, ${synthetic.eventsPerSecond} events/s`);

      const exportStarted = performance.now();
      const keys = new PostgresKeyStore(sourcePool, masterKeys);
      const files: string[] = [];
      for (const siteId of siteIdsOf(sites)) {
        const out = path.join(dir, `${siteId}.jsonl`);
        await exportInterchangeFile(sourceStore, { out, siteId, keyStore: keys, exportedBy: admin, recipient: siteId, now: NOW });
        files.push(out);
      }
      const file = path.join(dir, 'all-sites.jsonl');
      mergeExports(files, file);
      const exportSeconds = (performance.now() - exportStarted) / 1000;
      progress(`exported to ${Math.round(fs.statSync(file).size / 1_048_576)} MB in ${exportSeconds.toFixed(1)} s`);

      let peakRss = rssMb();
      const ours = await importInterchangeFile(targetStore, {
        file,
        rejectionsFile: path.join(dir, 'rejections.csv'),
        keyStore: new PostgresKeyStore(targetPool, masterKeys),
        masterKeys,
        importedBy: admin,
        now: NOW,
        threads,
        onProgress: (p) => {
          peakRss = Math.max(peakRss, rssMb());
          if (p.participants % 10_000 < 500)
            progress(`  ${p.participants} participants read, ${p.events} events written, ${p.eventsPerSecond} events/s`);
        },
      });
      progress(
        `import <file>: ${ours.events} events, ${ours.eventsPerSecond} events/s, ${ours.participants.rejected} participants rejected`,
      );
      await Promise.all([sourceStore.close(), targetStore.close()]);
      return {
        bench: 'interchange',
        metric: 'history import throughput (decided through the journey rules, sealed, bulk-imported)',
        unit: 'events/s',
        value: ours.eventsPerSecond,
        anchors: { syntheticImport: synthetic.eventsPerSecond },
        goal: 'at least 80% of import --synthetic on the same participants',
        ratioToSyntheticImport: Math.round((ours.eventsPerSecond / synthetic.eventsPerSecond) * 100) / 100,
        participants: ours.participants,
        rows: ours.rows,
        events: ours.events,
        syntheticEvents: synthetic.events,
        seconds: ours.seconds,
        syntheticSeconds: synthetic.seconds,
        syntheticThreads: threads,
        fileMb: Math.round(ours.bytes / 1_048_576),
        exportSeconds: Math.round(exportSeconds * 10) / 10,
        peakRssMb: peakRss,
      };
    } finally {
      await Promise.all([source.drop(), target.drop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
