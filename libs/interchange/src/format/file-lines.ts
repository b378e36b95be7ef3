import fs from 'node:fs';

/** A line of a file, without its line break (`\n`, or `\r\n`), and where it lies in the file's bytes. */
export interface FileLine {
  readonly text: string;
  /** 1 for the file's first line. */
  readonly lineNumber: number;
  readonly start: number;
  /** The offset just past its line break: where the next line starts. */
  readonly end: number;
}

/** Bytes `start` to `end` (exclusive) of a file, beginning at a line start: line `firstLine` of the file. */
export interface LineRange {
  readonly start: number;
  readonly end?: number;
  readonly firstLine: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * A file's lines, a chunk at a time, with their byte offsets, so that a file can be cut at line
 * starts and read in parts, each part numbering its lines as the whole file does.
 */
export async function* fileLines(file: string, range: LineRange = { start: 0, firstLine: 1 }): AsyncGenerator<FileLine[]> {
  const input = fs.createReadStream(file, {
    start: range.start,
    end: range.end === undefined ? undefined : range.end - 1,
    highWaterMark: 1 << 20,
  });
  let rest: Buffer = Buffer.alloc(0);
  let restStart = range.start;
  let lineNumber = range.firstLine;
  const lineOf = (buffer: Buffer, from: number, to: number, next: number): FileLine => {
    const trimmed = to > from && buffer[to - 1] === CARRIAGE_RETURN ? to - 1 : to;
    return { text: buffer.toString('utf8', from, trimmed), lineNumber: lineNumber++, start: restStart + from, end: restStart + next };
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const buffer = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      const lines: FileLine[] = [];
      let from = 0;
      for (let at = buffer.indexOf(NEWLINE, from); at >= 0; at = buffer.indexOf(NEWLINE, from)) {
        lines.push(lineOf(buffer, from, at, at + 1));
        from = at + 1;
      }
      rest = buffer.subarray(from);
      restStart += from;
      if (lines.length > 0) yield lines;
    }
    if (rest.length > 0) yield [lineOf(rest, 0, rest.length, rest.length)];
  } finally {
    input.destroy();
  }
}
