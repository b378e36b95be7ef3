import { once } from 'node:events';
import fs from 'node:fs';
import {
  csvLine,
  type CurveGrouping,
  curveGroupOf,
  type CurveObservation,
  episodeExtractRow,
  type OutcomeRecord,
  type ReportRange,
  timeToWorkOf,
} from '@workwell/domain';
import { addToReport, mergeReportTallies, newReportTallies, type ReportTallies } from './evaluation-report';
import { pseudonymOf } from './pseudonym';

/**
 * What a replay does with each episode's outcome record, said as plain data so that it can be
 * handed to a thread that replays one part of the store; each part's result is merged with the
 * others in store order.
 */
export type SinkSpec =
  | { readonly kind: 'report'; readonly range?: ReportRange }
  | { readonly kind: 'extract'; readonly file: string; readonly pseudonymKey: Uint8Array }
  | { readonly kind: 'curves'; readonly by: CurveGrouping }
  | { readonly kind: 'records' };

export type SinkResult =
  | { readonly kind: 'report'; readonly tallies: ReportTallies }
  | { readonly kind: 'extract'; readonly file: string; readonly rows: number; readonly codeLists: readonly string[] }
  | { readonly kind: 'curves'; readonly groups: ReadonlyMap<string, CurveObservation[]> }
  | { readonly kind: 'records'; readonly records: readonly OutcomeRecord[] };

export interface RecordSink {
  add(record: OutcomeRecord): void | Promise<void>;
  finish(): Promise<SinkResult>;
  /** After a failure: lets go of anything open. */
  abandon(): void;
}

/** Rows written in megabyte chunks, waiting when the disk is behind. */
const extractSink = (file: string, key: Buffer): RecordSink => {
  const stream = fs.createWriteStream(file, { flags: 'wx', mode: 0o640 });
  const codeLists = new Set<string>();
  let chunk = '';
  let rows = 0;
  const flush = async () => {
    const text = chunk;
    chunk = '';
    if (!stream.write(text)) await once(stream, 'drain');
  };
  return {
    add: async (record) => {
      for (const list of record.codeLists) codeLists.add(list);
      chunk += csvLine(episodeExtractRow(record, pseudonymOf(key, record.participantId), timeToWorkOf(record, record.asOf)));
      rows++;
      if (chunk.length >= 1 << 20) await flush();
    },
    finish: async () => {
      await flush();
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      return { kind: 'extract', file, rows, codeLists: [...codeLists].sort() };
    },
    abandon: () => stream.destroy(),
  };
};

export const openSink = (spec: SinkSpec): RecordSink => {
  switch (spec.kind) {
    case 'report': {
      // The part's records are already in scope (the replay leaves other sites' out).
      const tallies = newReportTallies(spec.range);
      return {
        add: (record) => addToReport(tallies, record, {}),
        finish: async () => ({ kind: 'report', tallies }),
        abandon: () => undefined,
      };
    }
    case 'extract':
      return extractSink(spec.file, Buffer.from(spec.pseudonymKey));
    case 'curves': {
      // Only each start's time and cause: a few bytes a start.
      const groups = new Map<string, CurveObservation[]>();
      return {
        add: (record) => {
          const observation = timeToWorkOf(record, record.asOf);
          if (observation === null) return;
          const group = curveGroupOf(observation, spec.by);
          const list = groups.get(group) ?? [];
          if (list.length === 0) groups.set(group, list);
          list.push({ time: observation.time, cause: observation.cause });
        },
        finish: async () => ({ kind: 'curves', groups }),
        abandon: () => undefined,
      };
    }
    case 'records': {
      const records: OutcomeRecord[] = [];
      return { add: (record) => void records.push(record), finish: async () => ({ kind: 'records', records }), abandon: () => undefined };
    }
  }
};

/** Report tallies of the parts, added up in part order. */
export const mergedTallies = (results: readonly SinkResult[], range: ReportRange = {}): ReportTallies => {
  const tallies = newReportTallies(range);
  for (const result of results) if (result.kind === 'report') mergeReportTallies(tallies, result.tallies);
  return tallies;
};

/** Curve observations of the parts, group by group, in part order. */
export const mergedGroups = (results: readonly SinkResult[]): Map<string, CurveObservation[]> => {
  const groups = new Map<string, CurveObservation[]>();
  for (const result of results) {
    if (result.kind !== 'curves') continue;
    for (const [group, observations] of result.groups) groups.set(group, [...(groups.get(group) ?? []), ...observations]);
  }
  return groups;
};
