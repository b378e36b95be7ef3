import { WorkwellClient } from '@workwell/client';
import { participantStreamId } from '@workwell/domain';
import { readWholeStream } from '@workwell/event-store';
import { at, eligible, referral } from '../support/journey-requests';
import { startEngine, type Engine } from '../support/engine-harness';

const raw = async (engine: Engine, path: string, token: string) => {
  const response = await fetch(`${engine.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    csp: response.headers.get('content-security-policy'),
    text: await response.text(),
  };
};

const accessLog = async (engine: Engine, participantId: string) =>
  (
    await engine.db.pool.query('SELECT user_id, role, what FROM personal_data_access_log WHERE participant_id = $1 ORDER BY id', [
      participantId,
    ])
  ).rows;

describe("participants' rights: subject access and consent receipts", () => {
  let engine: Engine;
  let admin: string;
  const ids = { alex: '', blake: '' };

  beforeAll(async () => {
    engine = await startEngine({ now: new Date('2026-03-02T09:00:00Z') });
    admin = await engine.token('admin', undefined, 'dpo-1');
    const coach = new WorkwellClient({ baseUrl: engine.baseUrl, token: await engine.token('coach', 'leeds', 'coach-7') });
    const other = new WorkwellClient({ baseUrl: engine.baseUrl, token: await engine.token('coach', 'york', 'coach-9') });
    ids.alex = (
      await coach.refer(
        referral({ personalDetails: { name: 'Alex Person', dateOfBirth: '1980-01-02', nhsNumber: '943 476 5919', postcode: 'LS1 4AP' } }),
      )
    ).participantId;
    ids.blake = (
      await other.refer(
        referral({ personalDetails: { name: 'Blake Other', dateOfBirth: '1991-05-06', nhsNumber: '999 017 5926', postcode: 'YO1 7HH' } }),
      )
    ).participantId;
    for (const [client, id] of [
      [coach, ids.alex],
      [other, ids.blake],
    ] as const) {
      await client.triage(id, {
        occurredAt: at('2026-01-05', '15:00:00'),
        decision: 'accepted',
        eligibility: eligible,
        assignedCoachId: 'coach-7',
        reason: 'Keen to start',
      });
      await client.giveConsent(id, {
        occurredAt: at('2026-01-08'),
        scope: 'programme-participation',
        method: 'written',
        evidenceReference: 'DOC-1',
      });
      await client.giveConsent(id, { occurredAt: at('2026-01-09'), scope: 'employer-liaison', method: 'verbal' });
      await client.withdrawConsent(id, { occurredAt: at('2026-02-09'), scope: 'employer-liaison', method: 'verbal' });
    }
    await engine.caughtUp();
  });
  afterAll(() => engine.stop());

  it('gives an admin everything held about the person, and nothing of anyone else; recorded in the access log', async () => {
    const answer = await raw(engine, `/participants/${ids.alex}/subject-access`, admin);
    expect(answer.status).toBe(200);
    const report = JSON.parse(answer.text);
    const stream = await readWholeStream(engine.eventStore, participantStreamId(ids.alex));
    expect(report.events.map((event: { version: number; type: string }) => [event.version, event.type])).toEqual(
      stream.map((e) => [e.version, e.type]),
    );
    expect(report.events[0].data.personalDetails).toMatchObject({ name: 'Alex Person', nhsNumber: '943 476 5919' });
    expect(report.events[1].data.reason).toBe('Keen to start');
    expect(report.readModels.caseload.personal_details).toMatchObject({ name: 'Alex Person' });
    expect(report.readModels.consentTimeline).toHaveLength(3);
    expect(report.consentAndSharing.entries.map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['consent-given', 'consent-withdrawn']),
    );
    expect(report.reads.at(-1)).toMatchObject({ userId: 'dpo-1', role: 'admin', what: 'subject access' });
    expect(report.erasure).toBeNull();
    for (const foreign of [ids.blake, 'Blake Other', '999 017 5926', 'YO1 7HH', 'coach-9']) expect(answer.text).not.toContain(foreign);
    expect((await accessLog(engine, ids.alex)).at(-1)).toEqual({ user_id: 'dpo-1', role: 'admin', what: 'subject access' });

    const html = await raw(engine, `/participants/${ids.alex}/subject-access?format=html`, admin);
    expect(html).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect(html.text).toContain('Alex Person');
    expect(html.text).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(html.text).not.toContain('Blake Other');
    expect(html.csp).toContain("default-src 'none'");
  });

  it('is for admins only, answers 404 for nobody and 400 for a wrong format', async () => {
    for (const token of [await engine.token('coach', 'leeds', 'coach-7'), await engine.token('auditor', undefined, 'ig-1')])
      expect((await raw(engine, `/participants/${ids.alex}/subject-access`, token)).status).toBe(403);
    const missing = await raw(engine, '/participants/6f1c1c9e-2b7a-4c1e-9a55-0d6a7e1b2c3d/subject-access', admin);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ code: 'PARTICIPANT_NOT_FOUND' });
    expect(JSON.parse((await raw(engine, `/participants/${ids.alex}/subject-access?format=pdf`, admin)).text)).toMatchObject({
      status: 400,
    });
  });

  it('gives the participant a receipt of each consent, to their own site only, and logs the read', async () => {
    const coach = await engine.token('coach', 'york', 'coach-9');
    const given = await raw(engine, `/participants/${ids.blake}/consents/4/receipt`, coach);
    expect(given.status).toBe(200);
    const receipt = JSON.parse(given.text);
    expect(receipt).toMatchObject({
      participantName: 'Blake Other',
      action: 'given',
      version: 4,
      scope: { code: 'employer-liaison', inWords: 'talking to their employer' },
      method: { code: 'verbal' },
      occurredAt: '2026-01-09T10:00:00Z',
      recordedBy: { userId: 'coach-9', role: 'coach', site: 'york' },
      inForceNow: false,
    });
    expect(receipt.howToWithdraw).toContain('withdraw this consent at any time');
    for (const secret of ['999 017 5926', '1991-05-06', 'YO1 7HH']) expect(given.text).not.toContain(secret);
    const withdrawn = JSON.parse((await raw(engine, `/participants/${ids.blake}/consents/5/receipt`, coach)).text);
    expect(withdrawn).toMatchObject({ action: 'withdrawn', howToWithdraw: expect.stringContaining('give this consent again') });
    const page = await raw(engine, `/participants/${ids.blake}/consents/4/receipt?format=html`, coach);
    expect(page).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect(page.text).toContain('You gave your consent for talking to their employer');
    expect((await accessLog(engine, ids.blake)).filter((row) => row.what === 'consent receipt')).toHaveLength(3);

    const leeds = await engine.token('coach', 'leeds', 'coach-7');
    expect((await raw(engine, `/participants/${ids.blake}/consents/4/receipt`, leeds)).status).toBe(404);
    const notConsent = await raw(engine, `/participants/${ids.blake}/consents/2/receipt`, coach);
    expect(JSON.parse(notConsent.text)).toMatchObject({ status: 404, code: 'CONSENT_NOT_FOUND' });
    expect((await raw(engine, `/participants/${ids.blake}/consents/abc/receipt`, coach)).status).toBe(400);
  });

  it('after erasure, says the data was erased and when, and still lists what remains', async () => {
    const client = new WorkwellClient({ baseUrl: engine.baseUrl, token: admin });
    engine.now = new Date('2026-03-05T09:00:00Z');
    await client.erase(ids.alex, { occurredAt: '2026-03-05T08:30:00Z', reasonCode: 'erasure-request' });
    await engine.caughtUp();
    const answer = await raw(engine, `/participants/${ids.alex}/subject-access`, admin);
    const report = JSON.parse(answer.text);
    expect(report.erasure).toMatchObject({ erasedAt: '2026-03-05T08:30:00Z', reason: 'erasure-request' });
    expect(report.statement).toContain('Your personal data was erased on 2026-03-05');
    expect(answer.text).not.toContain('Alex Person');
    expect(report.events[0].data.personalDetails).toEqual({ erased: true });
    expect(report.events[0].data.referralSource).toMatchObject({ code: 'gp' });
    expect(report.events.at(-1).type).toBe('ParticipantErased');
    expect(report.readModels.erasures).toHaveLength(1);
  });
});
