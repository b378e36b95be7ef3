import path from 'node:path';
import { loadConfig, loadSigningKeys } from '@workwell/config';
import { signingKeyFromSeed, takeCheckpoint, verifyingKeyFromRaw } from '@workwell/event-store';
import type { CliCommand } from '../command';
import { withEngine } from '../engine-session';

export const checkpointCommand: CliCommand = {
  name: 'checkpoint',
  summary: 'Sign the head of every stream into the append-only checkpoint log, for `workwell verify` and the auditors to check against.',
  usage: '[--dir <dir>] [--public-key]',
  help: [
    'Appends one line to <dir>/checkpoints.jsonl (default WORKWELL_CHECKPOINT_DIR): the RFC 6962 Merkle root of every stream head',
    "(stream id, version, hash) as known at the head position, with that position, the time and the previous line's digest,",
    'signed with Ed25519 under WORKWELL_SIGNING_KEY; the heads themselves go to heads-<seq>.jsonl.gz beside it.',
    'Before signing it checks that the store still holds everything the previous checkpoint signed, and refuses (exit 1, one line',
    'per finding) if a stream was deleted, truncated or rewritten since: a periodic checkpoint never signs over tampering.',
    'Nothing changed since the latest checkpoint: nothing is written (exit 0, "written": false).',
    'Prints one JSON line ({"written", "file", "checkpoint"}); ship its "checkpoint" to the auditors or a WORM store, e.g. from cron:',
    '  */15 * * * *  workwell checkpoint | jq -c .checkpoint | logger -t workwell-checkpoint',
    '--public-key prints the key id and the public key (base64) that verifiers set as WORKWELL_SIGNING_PUBLIC_KEYS.',
  ].join('\n'),
  options: {
    dir: {
      type: 'string',
      value: '<dir>',
      description: 'Where the checkpoint log lives (default WORKWELL_CHECKPOINT_DIR, or checkpoints/ under the data directory).',
    },
    'public-key': {
      type: 'boolean',
      description: 'Print the key id and public key that verifiers set as WORKWELL_SIGNING_PUBLIC_KEYS, and nothing else.',
    },
  },
  run: async (parsed) => {
    const config = loadConfig();
    const keys = loadSigningKeys(config, 'sign');
    const key = signingKeyFromSeed(keys.signingKey!);
    if (parsed.values['public-key']) {
      process.stdout.write(`${JSON.stringify({ keyId: key.verifying.keyId, publicKey: key.verifying.base64 })}\n`);
      return 0;
    }
    const dir = path.resolve((parsed.values.dir as string | undefined) ?? config.checkpointDir);
    return withEngine(async ({ eventStore }) => {
      const outcome = await takeCheckpoint(eventStore, { dir, key, trusted: keys.publicKeys.map(verifyingKeyFromRaw) });
      const lines = [
        ...outcome.logProblems.map(
          (p) =>
            `checkpoint: ${outcome.file}${p.line === null ? '' : ` line ${p.line}`}${p.seq === null ? '' : ` (checkpoint ${p.seq})`}: ${p.detail}`,
        ),
        ...outcome.problems.map((p) => `${p.kind}: stream ${p.streamId}, event version ${p.version}: ${p.detail}`),
      ];
      if (lines.length > 0)
        process.stderr.write(`${lines.join('\n')}\nworkwell: not signed: the store or the log differs from what was signed before\n`);
      const { written, file, checkpoint } = outcome;
      process.stdout.write(`${JSON.stringify({ written, file, checkpoint: checkpoint ?? null, findings: lines.length })}\n`);
      return checkpoint ? 0 : 1;
    });
  },
};
