import fs from 'node:fs';
import path from 'node:path';
import { JourneyCommandRunner } from '@workwell/commands';
import { coded, TRIAGE_DECISIONS, type JourneyCommand } from '@workwell/domain';
import { commands, day } from '@workwell/domain-testing';
import { PostgresEventStore } from '@workwell/event-store';
import { exportInterchangeFile, type InterchangeExportProgress } from '@workwell/interchange';
import { PostgresKeyStore } from '@workwell/key-store';
import { allMigrations } from '@workwell/runtime';
import { createTestDatabase, temporaryDirectories, type TestDatabase } from '@workwell/testing';

jest.setTimeout(60_000);

const NOW = new Date('2026-06-01T12:00:00Z');
const admin = { userId: 'dpo-1', role: 'admin' as const, organisation: 'icb-yorkshire', site: 'national' };
const [MOVED, MOVED_BACK, STAYED] = [
  '0b9a3a5e-1d2c-4c3b-9f1e-5a6b7c8d9e01',
  '0b9a3a5e-1d2c-4c3b-9f1e-5a6b7c8d9e02',
  '0b9a3a5e-1d2c-4c3b-9f1e-5a6b7c8d9e03',
];
const redirected = () => commands.triage({ decision: coded(TRIAGE_DECISIONS, 'redirected'), assignedCoachId: null });

describe("a site's export: the participants whose current episode is at the site", () => {
  const temporaryDirectory = temporaryDirectories('ww-export-sites-');
  let db: TestDatabase;
  let store: PostgresEventStore;
  let keys: PostgresKeyStore;

  const record = async (participantId: string, ...journey: JourneyCommand[]) => {
    const runner = new JourneyCommandRunner(store, keys);
    for (const [i, command] of journey.entries())
      await runner.run({
        type: command.type,
        context: { ...command.context, participantId, idempotencyKey: `${participantId}-${i}` },
        // Sealed under the participant's own key, as the API seals it.
        data: async (seal: { text(value: string): Promise<unknown> }) =>
          command.type === 'ReferParticipant'
            ? { ...command.data, personalDetails: await seal.text('{"name":"Alex Example"}') }
            : command.data,
      } as never);
  };

  const exported = async (siteId: string) => {
    const out = path.join(temporaryDirectory(), `${siteId}.jsonl`);
    const progress: InterchangeExportProgress[] = [];
    const result = await exportInterchangeFile(store, {
      out,
      siteId,
      keyStore: keys,
      exportedBy: admin,
      recipient: siteId,
      now: NOW,
      onProgress: (p) => progress.push(p),
    });
    const rows = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { participantRef: string; type: string });
    return { result, progress, participants: [...new Set(rows.map((row) => row.participantRef))], rows };
  };

  beforeAll(async () => {
    db = await createTestDatabase(allMigrations);
    store = new PostgresEventStore(db.pool);
    keys = new PostgresKeyStore(db.pool, [{ id: 'm1', key: Buffer.alloc(32, 5) }]);
    // Referred at site-01, turned away there, referred again at site-02: site-02's now.
    await record(MOVED, commands.refer(), redirected(), commands.refer({ occurredAt: day(40), siteId: 'site-02' }));
    // Moved to site-02 and back again: site-01's.
    await record(
      MOVED_BACK,
      commands.refer(),
      redirected(),
      commands.refer({ occurredAt: day(40), siteId: 'site-02' }),
      commands.triage({ occurredAt: day(41), decision: coded(TRIAGE_DECISIONS, 'redirected'), assignedCoachId: null }),
      commands.refer({ occurredAt: day(80) }),
    );
    await record(STAYED, commands.refer({ siteId: 'site-02' }));
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('takes a participant who moved to the site at their new site only, and one who moved back at the first', async () => {
    const first = await exported('site-01');
    const second = await exported('site-02');
    expect(first.participants).toEqual([MOVED_BACK]);
    expect(first.rows.map((row) => row.type)).toEqual([
      'ReferParticipant',
      'TriageReferral',
      'ReferParticipant',
      'TriageReferral',
      'ReferParticipant',
    ]);
    expect(second.participants.sort()).toEqual([MOVED, STAYED].sort());
    expect(second.result).toMatchObject({ participants: 2, rows: 4 });
    // Every participant's events were looked through (3, 5 and 1 of them) before any was written.
    expect(second.progress[0]).toEqual({ searching: true, eventsSearched: 9, participants: 0, rows: 0 });
    expect(second.progress.at(-1)).toEqual({ searching: false, eventsSearched: 9, participants: 2, rows: 4 });
  });

  it('exports nothing but the header for a site with no participants', async () => {
    const none = await exported('site-99');
    expect(none.result).toMatchObject({ participants: 0, rows: 0 });
    expect(none.rows).toEqual([]);
    // Its last word is what it wrote, not that it is still looking.
    expect(none.progress.at(-1)).toEqual({ searching: false, eventsSearched: 9, participants: 0, rows: 0 });
  });
});
