import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { participantStreamId } from '@workwell/domain';
import { InMemoryEventStore, readWholeStream } from '@workwell/event-store';
import { InMemoryKeyStore } from '@workwell/key-store';
import { INTERCHANGE_NAMESPACE, uuidV5 } from '../format/participant-ids';
import { importInterchangeFile } from './interchange-import';

const example = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'interchange', 'elemental-leeds.jsonl');
const admin = { userId: 'dpo-1', role: 'admin' as const, organisation: 'icb', site: 'national' };

describe('importInterchangeFile on a store other than PostgreSQL', () => {
  it('appends each participant in one piece, keeps the original recording time beside it, and imports nothing twice', async () => {
    const store = new InMemoryEventStore();
    const keyStore = new InMemoryKeyStore();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-port-import-'));
    const run = () =>
      importInterchangeFile(store, {
        file: example,
        rejectionsFile: path.join(dir, 'rejections.csv'),
        keyStore,
        masterKeys: [],
        importedBy: admin,
        now: new Date('2025-07-01T12:00:00Z'),
      });
    try {
      expect(await run()).toMatchObject({ participants: { imported: 2, alreadyImported: 0, rejected: 0 }, events: 16 });
      const stream = await readWholeStream(store, participantStreamId(uuidV5('elemental\nELM-000102', INTERCHANGE_NAMESPACE)));
      expect(stream.map((event) => (event.metadata.importedFrom as { recordedAt: string }).recordedAt)).toEqual([
        '2025-03-08T09:08:00.000Z',
        '2025-03-09T09:05:00.000Z',
        '2025-03-09T11:29:00.000Z',
      ]);
      expect(await keyStore.open((stream[2].data as { reason: never }).reason)).toBe('Out of work for more than a year');
      expect(await run()).toMatchObject({ participants: { imported: 0, alreadyImported: 2, rejected: 0 }, events: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
