import { participantsOfSite } from '@workwell/read-models';
import path from 'node:path';
import { loadSigningKeys, type WorkwellConfig } from '@workwell/config';
import { participantStreamId } from '@workwell/domain';
import {
  checkpointLogName,
  loadCheckpointBasis,
  readHeadsFile,
  signingKeyFromSeed,
  verifyingKeyFromRaw,
  verifyStreams,
  type CheckpointBasis,
  type CheckpointComparison,
  type StreamHead,
  type StreamProblem,
  type VerifyAgainst,
  type VerifyingKey,
} from '@workwell/event-store';
import { UsageError, type CliCommand } from '../command';
import { withEngine } from '../engine-session';
import { endProgress, progressLine } from '../progress';

/** The public keys a verifier trusts: the signing key's own, where it is held, and those configured. */
const trustedKeys = (config: WorkwellConfig): VerifyingKey[] => {
  const keys = loadSigningKeys(config, 'verify');
  return [...(keys.signingKey ? [signingKeyFromSeed(keys.signingKey).verifying] : []), ...keys.publicKeys.map(verifyingKeyFromRaw)];
};

const basisFor = (config: WorkwellConfig, given: string | undefined): Promise<CheckpointBasis> => {
  const isLine = given !== undefined && given.trimStart().startsWith('{');
  const logFile = given !== undefined && !isLine ? path.resolve(given) : path.join(config.checkpointDir, checkpointLogName);
  return loadCheckpointBasis({ logFile, line: isLine ? given : undefined }, () => trustedKeys(config)).catch((error: Error) => {
    throw error instanceof RangeError ? new UsageError(`--checkpoint is neither a checkpoint log file nor one of its lines`) : error;
  });
};

/** A site's signed heads, by stream id (a site is small enough to hold; the whole store is read beside its heads instead). */
const headsOfStreams = async (file: string, streamIds: ReadonlySet<string>): Promise<Map<string, StreamHead>> => {
  const heads = new Map<string, StreamHead>();
  for await (const head of readHeadsFile(file)) if (streamIds.has(head.streamId)) heads.set(head.streamId, head);
  return heads;
};

const figure = (n: number): string => n.toLocaleString('en-GB');

const summary = (
  streams: number,
  events: number,
  findings: number,
  basis: CheckpointBasis,
  comparison: CheckpointComparison | undefined,
) => {
  const verdict = findings === 0 ? 'nothing altered, removed or reordered' : `${figure(findings)} finding${findings === 1 ? '' : 's'}`;
  const lines = [`verified ${figure(events)} events in ${figure(streams)} streams: ${verdict}`];
  const checkpoint = basis.checkpoint;
  if (checkpoint && comparison) {
    const how = comparison.by === 'heads' ? 'each stream against its signed head' : 'the store against its signed root';
    lines.push(
      `against checkpoint ${checkpoint.seq} of ${basis.logFile} (signed ${checkpoint.at}, position ${checkpoint.position}): ${how}; ` +
        `${figure(comparison.after.events)} events in ${figure(comparison.after.streams)} streams appended after it were verified by their chain only`,
    );
  } else lines.push('no checkpoint compared: the chains alone were verified (see `workwell checkpoint`)');
  return [...lines, ...basis.notes.map((note) => `note: ${note}`)];
};

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Check every stream's hash chain, and the store against the latest signed checkpoint: nothing altered, removed or rewritten.",
  usage: '[--site <site>] [--checkpoint <file|line>] [--format text|json]',
  help: [
    'Recomputes the hash chain of every stream (an event altered, removed from the middle or reordered; recorded_at changed at any precision),',
    'then compares the store with the newest checkpoint of WORKWELL_CHECKPOINT_DIR that verifies: a stream deleted, its newest events removed,',
    'its chain rewritten and recomputed, or an event written into the past. Every line of the checkpoint log is checked too (signature, order).',
    'Events appended after the checkpoint are verified by their chain only; the output says how many.',
    '--checkpoint: a checkpoint log file, or one checkpoint line (as an auditor kept it); its heads file is looked for beside the log.',
    'Checkpoints are verified with WORKWELL_SIGNING_PUBLIC_KEYS (and the public half of WORKWELL_SIGNING_KEY where it is set).',
    'With --site, only the participants of that site (as the caseload read model knows them).',
    'Exits 0 when nothing was found, 1 with one line per finding naming the stream and event version; --format json prints one JSON document.',
  ].join('\n'),
  options: {
    site: { type: 'string', value: '<site>', description: 'Only the participants of this site (as the caseload read model knows them).' },
    checkpoint: {
      type: 'string',
      value: '<file|line>',
      description: 'Verify against this checkpoint log or single checkpoint line instead of the newest one.',
    },
    format: {
      type: 'string',
      value: 'text|json',
      description: 'One line per finding and a summary (text, the default), or one JSON document.',
    },
  },
  run: async (parsed) => {
    const site = parsed.values.site as string | undefined;
    const format = (parsed.values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got "${format}")`);
    return withEngine(async ({ config, pool, eventStore }) => {
      const basis = await basisFor(config, parsed.values.checkpoint as string | undefined);
      const prefixes = site ? (await participantsOfSite(pool, site)).map(participantStreamId) : [''];
      const checkpoint = basis.checkpoint;
      const siteHeads = site && checkpoint && basis.headsFile ? await headsOfStreams(basis.headsFile, new Set(prefixes)) : undefined;
      const notes = [...basis.notes];
      if (site && checkpoint && !basis.headsFile) notes.push('without the heads file a site cannot be compared with the checkpoint');
      const againstFor = (prefix: string): VerifyAgainst | undefined => {
        if (!checkpoint || (site && !siteHeads)) return undefined;
        if (!siteHeads) return { checkpoint, heads: basis.headsFile ? readHeadsFile(basis.headsFile) : undefined };
        const head = siteHeads.get(prefix);
        return { checkpoint, heads: head ? [head] : [] };
      };
      const problems: StreamProblem[] = [];
      const storeProblems: string[] = [];
      let comparison: CheckpointComparison | undefined;
      let streams = 0;
      let events = 0;
      const started = performance.now();
      for (const streamPrefix of prefixes) {
        const report = await verifyStreams(eventStore, {
          streamPrefix,
          against: againstFor(streamPrefix),
          onProgress: (p) =>
            progressLine(
              `verified ${figure(events + p.events)} events in ${figure(streams + p.streams)} streams, ${figure(p.eventsPerSecond)} events/s`,
            ),
        });
        problems.push(...report.problems);
        streams += report.streams;
        events += report.events;
        if (report.checkpoint) {
          storeProblems.push(...report.checkpoint.problems);
          const after = comparison?.after ?? { streams: 0, events: 0 };
          comparison = {
            ...report.checkpoint,
            after: { streams: after.streams + report.checkpoint.after.streams, events: after.events + report.checkpoint.after.events },
          };
        }
      }
      endProgress();
      const seconds = (performance.now() - started) / 1000;
      const logFindings = basis.problems.map(
        (p) =>
          `checkpoint: ${basis.logFile}${p.line === null ? '' : ` line ${p.line}`}${p.seq === null ? '' : ` (checkpoint ${p.seq})`}: ${p.detail}`,
      );
      const findings = problems.length + storeProblems.length + logFindings.length;
      if (format === 'json') {
        const eventsPerSecond = Math.round(events / Math.max(seconds, 0.001));
        const checkpointReport = checkpoint && {
          file: basis.logFile,
          seq: checkpoint.seq,
          at: checkpoint.at,
          ...comparison,
          problems: storeProblems,
        };
        const log = { file: basis.logFile, problems: basis.problems };
        const document = {
          ok: findings === 0,
          site: site ?? null,
          streams,
          events,
          eventsPerSecond,
          problems,
          checkpoint: checkpointReport ?? null,
          log,
          notes,
        };
        process.stdout.write(`${JSON.stringify(document)}\n`);
      } else {
        const lines = [
          ...problems.map((p) => `${p.kind}: stream ${p.streamId}, event version ${p.version}: ${p.detail}`),
          ...storeProblems.map((p) => `checkpoint: ${p}`),
          ...logFindings,
          ...summary(streams, events, findings, { ...basis, notes }, comparison),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return findings === 0 ? 0 : 1;
    });
  },
};
