import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {
  evolve,
  initialState,
  isJourneyEventType,
  isParticipantStreamId,
  JOURNEY_STATE_TYPES,
  participantStreamId,
  PARTICIPANT_STREAM_PREFIX,
  toRecordedJourneyEvent,
  type Actor,
} from '@workwell/domain';
import { readWholeStream, type EventStore, type StreamOfEvents } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import { INTERCHANGE_FORMAT, WORKWELL_SYSTEM, type InterchangeHeader } from '../format/interchange.format';
import { openCommandData } from '../format/personal-fields';
import { commandsOfEvents, rowOf } from './event-rows';
import { recordExportSharing, type RecordedExportSharing } from './export-sharings';

export interface InterchangeExportOptions {
  readonly out: string;
  readonly siteId: string;
  /** Only this participant (of the site); the whole site when absent. */
  readonly participantId?: string;
  readonly keyStore: KeyStore;
  readonly exportedBy: Actor;
  readonly recipient: string;
  readonly agreementReference?: string;
  readonly now: Date;
  readonly onProgress?: (progress: InterchangeExportProgress) => void;
}

export interface InterchangeExportProgress {
  /** Whether it is still finding the site's participants (a site's export reads every participant's stream for that). */
  readonly searching: boolean;
  /** Events read so far while finding them. */
  readonly eventsSearched: number;
  readonly participants: number;
  readonly rows: number;
}

export interface InterchangeExportResult {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly siteId: string;
  readonly participantId: string | null;
  readonly participants: number;
  readonly rows: number;
  readonly lastPosition: number;
  readonly sharing: RecordedExportSharing;
}

export class ExportTargetError extends Error {}

const siteOf = (stream: StreamOfEvents): string | undefined =>
  stream.events
    .filter((event) => isJourneyEventType(event.type))
    .map(toRecordedJourneyEvent)
    .reduce(evolve, initialState()).episode?.siteId;

/**
 * The site's participants as of `upTo`, then their streams whole: the first read carries only what
 * the journey state reads (the data of its event types, no metadata), so a site's export reads the
 * rest of the store at about half the cost of reading it whole. Both reads are cut at one position,
 * so they see the store as it stood there.
 */
async function* siteStreams(
  store: EventStore,
  siteId: string,
  upTo: number,
  onRead: (events: number) => void,
): AsyncGenerator<StreamOfEvents> {
  const knownAt = { position: upTo };
  const ids: string[] = [];
  const states = store.streams({
    prefix: PARTICIPANT_STREAM_PREFIX,
    knownAt,
    dataOf: JOURNEY_STATE_TYPES,
    metadata: 'none',
    eventIds: false,
    onRead: (read) => onRead(read.events),
  });
  for await (const stream of states) if (isParticipantStreamId(stream.streamId) && siteOf(stream) === siteId) ids.push(stream.streamId);
  if (ids.length > 0) yield* store.streams({ prefix: PARTICIPANT_STREAM_PREFIX, knownAt, ids });
}

/** The streams to export: one participant's, read and checked before anything is written, or the site's as of `upTo`. */
const participantStreams = async (
  store: EventStore,
  options: InterchangeExportOptions,
  upTo: number,
  onRead: (events: number) => void,
): Promise<AsyncIterable<StreamOfEvents> | Iterable<StreamOfEvents>> => {
  if (options.participantId === undefined) return siteStreams(store, options.siteId, upTo, onRead);
  const streamId = participantStreamId(options.participantId);
  const stream = { streamId, events: (await readWholeStream(store, streamId)).filter((event) => event.position <= upTo) };
  if (siteOf(stream) !== options.siteId)
    throw new ExportTargetError(`participant ${options.participantId} is not one of ${options.siteId}'s`);
  return [stream];
};

/**
 * Writes a site's history (or one participant's) in the interchange format, so that the site can
 * take it to another system: every participant whose current episode is at the site, every event
 * as the command that recorded it, with its recorder and recording time, personal data opened
 * (or marked erased). Read as the store stood at one position. The file is written under a
 * temporary name and put in place only once the export is recorded as a data sharing.
 */
export const exportInterchangeFile = async (store: EventStore, options: InterchangeExportOptions): Promise<InterchangeExportResult> => {
  if (fs.existsSync(options.out)) throw new ExportTargetError(`${options.out} exists: an export never overwrites a file`);
  const partial = path.join(path.dirname(options.out), `.${path.basename(options.out)}.partial`);
  const lastPosition = await store.headPosition();
  let eventsSearched = 0;
  let participants = 0;
  let rows = 0;
  const streams = await participantStreams(store, options, lastPosition, (events) => {
    eventsSearched = events;
    options.onProgress?.({ searching: true, eventsSearched, participants, rows });
  });
  const output = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (text: string) => {
    const buffer = Buffer.from(text, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    if (!output.write(buffer)) await once(output, 'drain');
  };
  try {
    const header: InterchangeHeader = {
      format: INTERCHANGE_FORMAT,
      source: { system: WORKWELL_SYSTEM, description: `WorkWell journey engine, site ${options.siteId}` },
      personalData: 'clear',
      exportedAt: options.now.toISOString(),
      siteId: options.siteId,
      participantId: options.participantId ?? null,
      lastPosition,
    };
    await write(`${JSON.stringify(header)}\n`);
    for await (const stream of streams) {
      const events = stream.events.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
      const participantId = stream.streamId.slice(PARTICIPANT_STREAM_PREFIX.length);
      participants += 1;
      for (const command of commandsOfEvents(events)) {
        const data = await openCommandData(options.keyStore, command.type, command.data);
        rows += 1;
        await write(`${JSON.stringify(rowOf(command, rows, participantId, data))}\n`);
      }
      if (participants % 500 === 0) options.onProgress?.({ searching: false, eventsSearched, participants, rows });
    }
    await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const sha256 = hash.digest('hex');
    const sharing = await recordExportSharing(store, {
      occurredAt: options.now.toISOString(),
      recipient: options.recipient,
      agreementReference: options.agreementReference ?? null,
      purpose: options.participantId === undefined ? 'site-transfer' : 'data-portability',
      lawfulBasis: 'public-task',
      siteId: options.siteId,
      participantId: options.participantId ?? null,
      personalData: 'clear',
      participants,
      rows,
      lastPosition,
      file: { name: path.basename(options.out), bytes, sha256 },
      exportedBy: options.exportedBy,
    });
    fs.renameSync(partial, options.out);
    options.onProgress?.({ searching: false, eventsSearched, participants, rows });
    return {
      file: options.out,
      sha256,
      bytes,
      siteId: options.siteId,
      participantId: options.participantId ?? null,
      participants,
      rows,
      lastPosition,
      sharing,
    };
  } catch (error) {
    output.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
};
