import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, temporaryDirectories, type TestDatabase } from '@workwell/testing';
import { newEvents } from '../contract/contract-helpers';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { eventStoreMigrations } from '../postgres/postgres-event-store.schema';
import { checkpointLogName, readCheckpointLog } from './checkpoint-log';
import {
  checkpointDigest,
  checkpointSignatureProblem,
  signCheckpoint,
  signingKeyFromSeed,
  type CheckpointBody,
} from './checkpoint-signature';
import { headsProblem, readHeadsFile } from './heads-file';
import { compareStreamIds, MerkleRoot } from './merkle-root';
import { takeCheckpoint } from './take-checkpoint';

const key = signingKeyFromSeed(Buffer.alloc(32, 3));
const otherKey = signingKeyFromSeed(Buffer.alloc(32, 4));
const body = (seq: number, previous: string | null): Omit<CheckpointBody, 'keyId'> => ({
  format: 'workwell-checkpoint/1',
  seq,
  at: '2026-03-20T09:00:00.000Z',
  position: seq * 100,
  streams: 1,
  events: seq,
  root: crypto.hash('sha256', String(seq), 'hex'),
  heads: `heads-${String(seq).padStart(6, '0')}.jsonl.gz`,
  previous,
});
const tempDir = temporaryDirectories('ww-checkpoint-');

describe('the Merkle root of stream heads', () => {
  it('is the RFC 6962 tree hash (the certificate-transparency test vectors)', () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const tree = new MerkleRoot();
    expect(tree.root()).toBe(crypto.hash('sha256', '', 'hex'));
    const seen = leaves.map((leaf) => {
      tree.add(
        crypto
          .createHash('sha256')
          .update(Buffer.concat([Buffer.from([0]), Buffer.from(leaf, 'hex')]))
          .digest(),
      );
      return tree.root();
    });
    expect(seen).toEqual(roots);
  });

  it('orders stream ids by their UTF-8 bytes, as PostgreSQL\'s "C" collation does', () => {
    const ids = ['participant-b', 'participant-a', 'p-\u{1F600}', 'p-\uFF01', 'p-é', 'p-', 'participant-a1', 'P'];
    const byBytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...ids].sort(compareStreamIds)).toEqual(byBytes);
    expect(byBytes.indexOf('p-\uFF01')).toBeLessThan(byBytes.indexOf('p-\u{1F600}'));
  });
});

describe('checkpoint signatures', () => {
  it('verify with the public key only, and not once any field changed or under another key', () => {
    const signed = signCheckpoint(body(1, null), key);
    const verifier = [{ ...key.verifying }];
    expect(checkpointSignatureProblem(signed, verifier)).toBeNull();
    expect(checkpointSignatureProblem({ ...signed, position: signed.position + 1 }, verifier)).toMatch(/does not verify/);
    expect(checkpointSignatureProblem({ ...signed, root: crypto.hash('sha256', 'x', 'hex') }, verifier)).toMatch(/does not verify/);
    expect(checkpointSignatureProblem(signed, [otherKey.verifying])).toMatch(/not one of the trusted public keys/);
    // A forger with a key of their own cannot pass it off as the trusted one.
    const forged = signCheckpoint(body(1, null), otherKey);
    expect(checkpointSignatureProblem({ ...forged, keyId: key.verifying.keyId }, verifier)).toMatch(/does not verify/);
  });
});

describe('the checkpoint log', () => {
  const write = (lines: string[]): string => {
    const file = path.join(tempDir(), checkpointLogName);
    fs.writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
    return file;
  };
  const chain = (n: number) => {
    const checkpoints = [signCheckpoint(body(1, null), key)];
    for (let seq = 2; seq <= n; seq++) checkpoints.push(signCheckpoint(body(seq, checkpointDigest(checkpoints[seq - 2])), key));
    return checkpoints.map((c) => JSON.stringify(c));
  };
  const problems = async (lines: string[]) =>
    (await readCheckpointLog(write(lines), [key.verifying])).problems.map(({ line, detail }) => `${line}: ${detail}`);

  it('names every edited, removed, reordered or unreadable line, and uses the newest that verifies', async () => {
    const lines = chain(4);
    expect(await problems(lines)).toEqual([]);
    expect((await readCheckpointLog(write(lines), [key.verifying])).latest?.seq).toBe(4);
    const edited = [...lines];
    edited[2] = edited[2].replace('"position":300', '"position":299');
    // The next line names the digest of the line as signed, so it no longer follows the edited one either.
    expect(await problems(edited)).toEqual([
      '3: its signature does not verify: the line was changed after it was signed',
      '4: it does not follow the line before it: a line was removed, reordered or changed',
    ]);
    expect(await problems([lines[0], lines[2], lines[3]])).toEqual([
      '2: it does not follow the line before it: a line was removed, reordered or changed',
    ]);
    expect(await problems(lines.slice(1))).toEqual(['1: the log starts at checkpoint 2: the lines before it were removed']);
    expect(await problems([lines[0], lines[2], lines[1], lines[3]])).toHaveLength(3);
    expect(await problems([...lines.slice(0, 2), 'not json', ...lines.slice(2)])).toEqual([
      '3: it is not a checkpoint (not JSON, or a field is missing or malformed)',
      '4: it does not follow the line before it: a line was removed, reordered or changed',
    ]);
    const lastEdited = [...lines.slice(0, 3), lines[3].replace('"events":4', '"events":3')];
    expect((await readCheckpointLog(write(lastEdited), [key.verifying])).latest?.seq).toBe(3);
  });
});

describe('takeCheckpoint', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('signs the heads, writes nothing when nothing changed, chains the next, and refuses a store truncated since', async () => {
    const dir = tempDir();
    await store.append('c-1', newEvents(3), { expectedVersion: 'no_stream' });
    await store.append('c-2', newEvents(2), { expectedVersion: 'no_stream' });
    const first = await takeCheckpoint(store, { dir, key, now: () => new Date('2026-03-20T09:00:00Z') });
    expect(first).toMatchObject({ written: true, problems: [], logProblems: [] });
    expect(first.checkpoint).toMatchObject({ seq: 1, streams: 2, events: 5, previous: null, at: '2026-03-20T09:00:00.000Z' });
    expect(first.checkpoint!.position).toBe(await store.headPosition());
    const headsFile = path.join(dir, first.checkpoint!.heads);
    const heads = [];
    for await (const head of readHeadsFile(headsFile)) heads.push(head);
    const c1 = await store.readStream('c-1');
    expect(heads).toEqual([
      { streamId: 'c-1', version: 3, hash: c1[2].hash },
      { streamId: 'c-2', version: 2, hash: (await store.readStream('c-2'))[1].hash },
    ]);
    expect(await headsProblem(headsFile, first.checkpoint!)).toBeNull();

    expect(await takeCheckpoint(store, { dir, key })).toMatchObject({ written: false, checkpoint: first.checkpoint });
    await store.append('c-1', newEvents(1), { expectedVersion: 3 });
    const second = await takeCheckpoint(store, { dir, key });
    expect(second.checkpoint).toMatchObject({ seq: 2, streams: 2, events: 6, previous: checkpointDigest(first.checkpoint!) });
    expect((await readCheckpointLog(path.join(dir, checkpointLogName), [key.verifying])).problems).toEqual([]);

    await db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    await db.pool.query(`DELETE FROM events WHERE stream_id = 'c-1' AND version = 4`);
    await db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');
    const refused = await takeCheckpoint(store, { dir, key });
    expect(refused).toMatchObject({ written: false, checkpoint: undefined });
    expect(refused.problems).toMatchObject([{ streamId: 'c-1', version: 4, kind: 'truncated' }]);
    expect(fs.readdirSync(dir).sort()).toEqual(['checkpoints.jsonl', 'heads-000001.jsonl.gz', 'heads-000002.jsonl.gz']);
    // A log signed by a key the signer no longer holds needs that key's public half to be trusted.
    expect((await takeCheckpoint(store, { dir, key: otherKey })).logProblems).toHaveLength(2);
  });
});
