import { fileLines, type LineRange } from '../format/file-lines';
import type { InterchangeReader } from '../format/interchange-reader';
import { participantRefOf } from '../format/interchange.format';
import { participantIdOf } from '../format/participant-ids';

/** A share of a file for a thread of its own: whole participants, and those of theirs that came earlier in the file. */
export interface FilePart extends LineRange {
  readonly end: number;
  /**
   * Participant ids whose rows came in an earlier part too: here they are split rows
   * (`PARTICIPANT_ROWS_SPLIT`), as they would be read in one piece.
   */
  readonly earlier: readonly string[];
}

const idOf = (system: string, participantRef: string): string | undefined => {
  try {
    return participantIdOf(system, participantRef);
  } catch {
    // A reference that is no id: the part that reads it rejects it.
    return undefined;
  }
};

const LEADING_REF = /^\{"row":\d+,"participantRef":"([^"\\]*)"/;

/**
 * Whether a row names the participant of the row before it, told without parsing it (as most
 * rows do, and exports write them): the reference leads the row, with no other to override it.
 * Were the row no JSON after all, it would stand alone, and change the grouping no more.
 */
const continues = (line: string, current: string | undefined): boolean => {
  if (current === undefined) return false;
  const match = LEADING_REF.exec(line);
  return match !== null && match[1] === current && !line.includes('"participantRef"', match[0].length);
};

const refOfLine = (line: string): string => {
  try {
    return participantRefOf(JSON.parse(line));
  } catch {
    return '';
  }
};

/**
 * Cuts a file's rows into about `parts` parts of similar size, each beginning at a participant's
 * first row, grouping rows as the reader does. Reads every row's participant only (parsing
 * the rows that begin one); the rows themselves are read, decided and written by whoever takes
 * the part.
 */
export const planParts = async (file: string, reader: InterchangeReader, fileBytes: number, parts: number): Promise<FilePart[]> => {
  const system = reader.header.source.system;
  const share = (fileBytes - reader.body.start) / parts;
  const cuts: { start: number; firstLine: number; earlier: Set<string> }[] = [
    { start: reader.body.start, firstLine: reader.body.firstLine, earlier: new Set() },
  ];
  // Every participant's part, the first time their rows came.
  const partOf = new Map<string, number>();
  let current: string | undefined;
  for await (const lines of fileLines(file, reader.body))
    for (const { text, lineNumber, start } of lines) {
      if (continues(text, current) || text.trim() === '') continue;
      const participantRef = refOfLine(text);
      // A row naming no participant stands alone and does not end the participant before it.
      if (participantRef === '' || participantRef === current) continue;
      current = participantRef;
      if (cuts.length < parts && start - reader.body.start >= share * cuts.length)
        cuts.push({ start, firstLine: lineNumber, earlier: new Set() });
      const id = idOf(system, participantRef);
      if (id === undefined) continue;
      const first = partOf.get(id);
      if (first === undefined) partOf.set(id, cuts.length - 1);
      else if (first < cuts.length - 1) cuts[cuts.length - 1].earlier.add(id);
    }
  return cuts.map((cut, i) => ({
    start: cut.start,
    end: i + 1 < cuts.length ? cuts[i + 1].start : fileBytes,
    firstLine: cut.firstLine,
    earlier: [...cut.earlier],
  }));
};
