import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileLines, type FileLine, type LineRange } from './file-lines';
import { InterchangeFileError, parseHeader, parseRow, type InterchangeHeader, type InterchangeRow } from './interchange.format';
import type { RowProblem } from './row-problem';

/** A row that could not be read as a journey fact. */
export interface UnreadableRow {
  readonly row: number;
  readonly participantRef: string;
  readonly problem: RowProblem;
}

const LEADING_ROW_NUMBER = /^\{\s*"row"\s*:\s*\d+\s*,/;

/** A row's text as the digest sees it: without a leading row number, so that renumbered rows of the same history digest the same. */
const withoutRowNumber = (line: string): string => {
  const match = LEADING_ROW_NUMBER.exec(line);
  return match === null ? line : `{${line.slice(match[0].length)}`;
};

/** One participant's consecutive rows, in the file's order (their recording order). */
export interface ParticipantRows {
  readonly participantRef: string;
  readonly rows: readonly InterchangeRow[];
  readonly unreadable: readonly UnreadableRow[];
  /** SHA-256 of the rows as written, without a leading row number: the same history in another file has the same digest. */
  readonly digest: string;
}

export interface FileFingerprint {
  readonly sha256: string;
  readonly bytes: number;
}

/** The file's checksum, read once before the import so that every event can name the file it came from. */
export const fingerprintFile = async (file: string): Promise<FileFingerprint> => {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
};

export interface InterchangeReader {
  readonly header: InterchangeHeader;
  /** The rows: from just past the header to the end of the file. */
  readonly body: LineRange;
  /** Up to where the file has been read (bytes), for a progress bar. */
  bytesRead(): number;
  /** The participants of the body, or of a part of it that begins and ends at a participant's first row. */
  participants(part?: LineRange): AsyncGenerator<ParticipantRows | UnreadableRow>;
}

/**
 * Reads a JSON Lines file: the header, then one participant's rows at a time, grouped as they
 * come (a participant's rows are consecutive; see docs/interchange.md). A row that cannot be
 * read joins its participant when it names one, else stands alone; blank lines are skipped.
 */
export const openInterchangeFile = async (file: string): Promise<InterchangeReader> => {
  let first: FileLine | undefined;
  for await (const lines of fileLines(file)) {
    first = lines.find((line) => line.text.trim() !== '');
    if (first !== undefined) break;
  }
  let header: InterchangeHeader;
  try {
    header = parseHeader(first?.text);
  } catch (error) {
    throw error instanceof InterchangeFileError ? error : new InterchangeFileError(String(error));
  }
  const body: LineRange = { start: first!.end, firstLine: first!.lineNumber + 1 };
  let bytes = body.start;

  async function* participants(part: LineRange = body): AsyncGenerator<ParticipantRows | UnreadableRow> {
    let current:
      { participantRef: string; rows: InterchangeRow[]; unreadable: UnreadableRow[]; hash: ReturnType<typeof createHash> } | undefined;
    const finish = (): ParticipantRows | undefined => {
      if (current === undefined) return undefined;
      const { participantRef, rows, unreadable, hash } = current;
      current = undefined;
      return { participantRef, rows, unreadable, digest: hash.digest('hex') };
    };
    bytes = part.start;
    for await (const lines of fileLines(file, part)) {
      for (const { text: line, lineNumber, end } of lines) {
        bytes = end;
        if (line.trim() === '') continue;
        const parsed = parseRow(line, lineNumber);
        const participantRef = parsed.participantRef;
        if ('problem' in parsed && participantRef === '') {
          yield { row: parsed.row, participantRef, problem: parsed.problem };
          continue;
        }
        if (current?.participantRef !== participantRef) {
          const done = finish();
          if (done) yield done;
          current = { participantRef, rows: [], unreadable: [], hash: createHash('sha256') };
        }
        if ('problem' in parsed) current.unreadable.push({ row: parsed.row, participantRef, problem: parsed.problem });
        else current.rows.push(parsed);
        current.hash.update(withoutRowNumber(line)).update('\n');
      }
    }
    const done = finish();
    if (done) yield done;
  }

  return { header, body, bytesRead: () => bytes, participants };
};
