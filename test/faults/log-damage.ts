import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const logOf = (dir: string) => path.join(dir, 'checkpoints.jsonl');
export const logLines = (dir: string) => fs.readFileSync(logOf(dir), 'utf8').trimEnd().split('\n');

const edit = (copy: string, index: number, change: (line: string) => string) => {
  const all = logLines(copy);
  all[index] = change(all[index]);
  fs.writeFileSync(logOf(copy), `${all.join('\n')}\n`);
};

const editHeads = (copy: string) => {
  const file = path.join(copy, 'heads-000003.jsonl.gz');
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString().replace('["t-intact",5,', '["t-intact",4,');
  fs.writeFileSync(file, zlib.gzipSync(text));
};

/**
 * Damage done to a copy of a log of three checkpoints (by someone who can write the checkpoint
 * directory, which the database owner should not): what it does, and the finding it must cause.
 */
export const logDamages: [string, (copy: string) => void, RegExp][] = [
  [
    'checkpoint line edited',
    (copy) => edit(copy, 2, (line) => line.replace(/"events":\d+/, '"events":1')),
    /line 3 \(checkpoint 3\): its signature does not verify/,
  ],
  [
    'checkpoint line removed',
    (copy) => fs.writeFileSync(logOf(copy), `${[logLines(copy)[0], logLines(copy)[2]].join('\n')}\n`),
    /line 2 \(checkpoint 3\): it does not follow/,
  ],
  [
    'first checkpoint lines removed',
    (copy) => fs.writeFileSync(logOf(copy), `${logLines(copy)[2]}\n`),
    /line 1 \(checkpoint 3\): the log starts at checkpoint 3/,
  ],
  ['heads file edited', (copy) => editHeads(copy), /\(checkpoint 3\): its heads: .* does not hash to the signed root/],
];
