import { once } from 'node:events';
import fs from 'node:fs';
import { csvLine } from '@workwell/domain';
import type { Rejection } from './participant-decision';

export const REJECTION_COLUMNS = ['row', 'participant', 'code', 'sentence'] as const;

/** The rows not imported, one CSV line each (RFC 4180), written as the import goes. */
export class RejectionReport {
  private readonly stream: fs.WriteStream;
  rows = 0;

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { mode: 0o640 });
    this.stream.write(csvLine(REJECTION_COLUMNS));
  }

  async add(rejections: readonly Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    this.rows += rejections.length;
    const text = rejections.map((r) => csvLine([r.row, r.participantRef, r.code, r.sentence])).join('');
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
