import { participantKeyId, participantStreamId, PARTICIPANT_STREAM_PREFIX, type SiteRegistry } from '@workwell/domain';
import type { EventStore, ImportStream } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import type { LineRange } from '../format/file-lines';
import type { InterchangeReader, ParticipantRows } from '../format/interchange-reader';
import { participantIdOf } from '../format/participant-ids';
import { refusalOf, RowProblem } from '../format/row-problem';
import { decideParticipant } from './participant-decision';
import { sealNothing, type HistorySealing } from './history-sealing';
import type { Rejection } from './participant-decision';

export interface BatchCounts {
  participants: number;
  accepted: number;
  alreadyImported: number;
  rejected: number;
  rowsAccepted: number;
  rowsRejected: number;
}

/** Where rejected rows go: the report, or a thread's list of them for the report. */
export interface RejectionSink {
  add(rejections: readonly Rejection[]): Promise<void>;
}

export interface BatchContext {
  readonly store: EventStore;
  /** The site registry the rows are decided with (each site's follow-up schedule). */
  readonly sites: SiteRegistry;
  readonly keyStore: KeyStore;
  readonly reader: InterchangeReader;
  /** The part of the file to read (default: all of it). */
  readonly part?: LineRange;
  /** Participants whose rows came earlier in the file, before the part: theirs here are split rows. */
  readonly earlier?: readonly string[];
  readonly fileSha256: string;
  readonly now: number;
  /** Absent on a dry run: nothing is sealed or written. */
  readonly sealing: HistorySealing | undefined;
  /** Whether a participant's stream may already exist (anything in the store), so each must be looked up. */
  readonly checkStreams: boolean;
  readonly participantsPerBatch: number;
  readonly report: RejectionSink;
  readonly counts: BatchCounts;
  readonly onBatch: () => void;
}

/** Whether the store holds any participant's stream, so that an import must look each of its own up. */
export const holdsParticipants = async (store: EventStore): Promise<boolean> => {
  for await (const _stream of store.streams({
    prefix: PARTICIPANT_STREAM_PREFIX,
    dataOf: [],
    metadata: 'none',
    eventIds: false,
    fetchSize: 1,
  }))
    return true;
  return false;
};

const inParallel = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

interface Candidate {
  readonly group: ParticipantRows;
  readonly participantId: string;
}

/** The participant's stream as a second run finds it: theirs from this very history, someone else's, or none. */
const alreadyThere = async (ctx: BatchContext, { group, participantId }: Candidate): Promise<'none' | 'same' | RowProblem> => {
  const [first] = await ctx.store.readStream(participantStreamId(participantId), { maxCount: 1 });
  if (first === undefined) return 'none';
  const from = first.metadata.importedFrom as { system?: string; participantRef?: string; history?: string } | undefined;
  const system = ctx.reader.header.source.system;
  if (from?.system === system && from.participantRef === group.participantRef)
    return from.history === group.digest
      ? 'same'
      : new RowProblem(
          'ALREADY_IN_STORE',
          'This participant was imported from this source before with a different history: a history comes in once, and grows through the API from then on.',
        );
  return new RowProblem(
    'ALREADY_IN_STORE',
    'A participant with this id is already in the engine, recorded there or imported from elsewhere.',
  );
};

/** A participant turned away as a whole (not theirs to import, or not readable as one): every row says why. */
const rejectAll = async (ctx: BatchContext, group: ParticipantRows, problem: RowProblem): Promise<void> => {
  const rows = [...group.rows, ...group.unreadable].map((r) => r.row).sort((a, b) => a - b);
  await ctx.report.add(rows.map((row) => ({ row, participantRef: group.participantRef, code: problem.code, sentence: problem.message })));
  ctx.counts.rejected += 1;
  ctx.counts.rowsRejected += rows.length;
};

interface Prepared {
  readonly streams: ImportStream[];
  /** Resolves once their keys and erasure tombstones are written: only then may their events be. */
  readonly ready: Promise<void>;
}

/** A batch of participants decided, the writing of their keys begun: the streams to write once it is done. */
const prepare = async (ctx: BatchContext, groups: readonly ParticipantRows[], seen: Set<string>): Promise<Prepared> => {
  const system = ctx.reader.header.source.system;
  const candidates: Candidate[] = [];
  for (const group of groups) {
    ctx.counts.participants += 1;
    try {
      const participantId = participantIdOf(system, group.participantRef);
      if (seen.has(participantId))
        throw new RowProblem(
          'PARTICIPANT_ROWS_SPLIT',
          "This participant's rows came earlier in the file too: a participant's rows are consecutive, and only the first run of them was read.",
        );
      seen.add(participantId);
      candidates.push({ group, participantId });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      await rejectAll(ctx, group, error);
    }
  }
  const found = ctx.checkStreams ? await inParallel(candidates, 8, (candidate) => alreadyThere(ctx, candidate)) : [];
  const streams: ImportStream[] = [];
  const erasures: { keyId: string; reason: string }[] = [];
  for (const [i, candidate] of candidates.entries()) {
    const { group, participantId } = candidate;
    const there = found[i] ?? 'none';
    if (there === 'same') {
      ctx.counts.alreadyImported += 1;
      continue;
    }
    if (there instanceof RowProblem) {
      await rejectAll(ctx, group, there);
      continue;
    }
    const erasure = group.rows.find((row) => row.type === 'EraseParticipant');
    const participant = {
      system,
      fileSha256: ctx.fileSha256,
      participantId,
      participantRef: group.participantRef,
      digest: group.digest,
      erased: !!erasure,
      now: ctx.now,
    };
    const seal = erasure || !ctx.sealing ? sealNothing(participantId) : ctx.sealing.sealerFor(participantId);
    const decision = await decideParticipant(group, participant, seal, ctx.sites);
    if (!decision.accepted) {
      await ctx.report.add(decision.rejections);
      ctx.counts.rejected += 1;
      ctx.counts.rowsRejected += decision.rejections.length;
      continue;
    }
    ctx.counts.accepted += 1;
    ctx.counts.rowsAccepted += decision.rows;
    streams.push({ streamId: participantStreamId(participantId), events: decision.events });
    const reason = (erasure?.data.reasonCode as { code?: string } | undefined)?.code;
    if (erasure) erasures.push({ keyId: participantKeyId(participantId), reason: reason ?? 'erasure-request' });
  }
  // Keys first, then the events sealed with them; an erased participant's key is a tombstone before their events exist.
  const sealing = ctx.sealing;
  const ready = sealing
    ? Promise.all([sealing.beforeWrite(), ...erasures.map(({ keyId, reason }) => ctx.keyStore.destroyKey(keyId, reason))]).then(
        () => undefined,
      )
    : Promise.resolve();
  // Awaited before the batch is handed on; until then a failure must not surface as unhandled.
  ready.catch(() => undefined);
  ctx.onBatch();
  return { streams, ready };
};

/**
 * The file's participants, a batch at a time, as the streams to write; rejections go to the
 * report as they are found. Each batch is decided while the keys of the one before are written.
 */
export async function* importBatches(ctx: BatchContext): AsyncGenerator<ImportStream[]> {
  const seen = new Set<string>(ctx.earlier);
  let groups: ParticipantRows[] = [];
  let previous: Prepared | undefined;
  const handOn = async (next: Prepared | undefined): Promise<ImportStream[] | undefined> => {
    const done = previous;
    previous = next;
    if (done === undefined) return undefined;
    await done.ready;
    return done.streams;
  };
  for await (const item of ctx.reader.participants(ctx.part)) {
    if ('problem' in item) {
      const refusal = refusalOf(item.problem)!;
      await ctx.report.add([{ row: item.row, participantRef: item.participantRef, code: refusal.code, sentence: refusal.sentence }]);
      ctx.counts.rowsRejected += 1;
      continue;
    }
    groups.push(item);
    if (groups.length >= ctx.participantsPerBatch) {
      const streams = await handOn(await prepare(ctx, groups, seen));
      groups = [];
      if (streams) yield streams;
    }
  }
  const last = await handOn(groups.length > 0 ? await prepare(ctx, groups, seen) : undefined);
  if (last) yield last;
  const final = await handOn(undefined);
  if (final) yield final;
}
