import { startEngine, type Engine } from '../support/engine-harness';
import { call } from './http.support';

describe('GET /openapi.json', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ projector: false });
  });
  afterAll(() => engine.stop());

  it('describes every endpoint with its request schema and its problem responses', async () => {
    const answer = await call(engine, 'GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/audit/extracts',
        '/audit/findings',
        '/audit/participants/{participantId}/trace',
        '/caseload',
        '/evaluation/curves',
        '/evaluation/extracts',
        '/evaluation/extracts/{extractId}/{file}',
        '/evaluation/outcomes',
        '/evaluation/replay',
        '/evaluation/report',
        '/health',
        '/health/live',
        '/health/ready',
        '/participants',
        '/participants/{participantId}',
        '/participants/{participantId}/action-plans',
        '/participants/{participantId}/action-plans/{planId}/reviews',
        '/participants/{participantId}/assessment',
        '/participants/{participantId}/consents',
        '/participants/{participantId}/consents/withdrawals',
        '/participants/{participantId}/consents/{version}/receipt',
        '/participants/{participantId}/contact-attempts',
        '/participants/{participantId}/corrections',
        '/participants/{participantId}/data-sharings',
        '/participants/{participantId}/discharge',
        '/participants/{participantId}/employer-liaisons',
        '/participants/{participantId}/erasure',
        '/participants/{participantId}/first-appointment',
        '/participants/{participantId}/onward-referrals',
        '/participants/{participantId}/onward-referrals/{onwardReferralId}/outcome',
        '/participants/{participantId}/outcomes',
        '/participants/{participantId}/re-engagement',
        '/participants/{participantId}/sessions',
        '/participants/{participantId}/subject-access',
        '/participants/{participantId}/timeline',
        '/participants/{participantId}/triage',
      ].sort(),
    );
    const triage = document.paths['/participants/{participantId}/triage'].post;
    expect(Object.keys(triage.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412', '422', '503']));
    expect(triage.requestBody).toBeDefined();
    expect(document.components.schemas.ReferParticipantRequest).toMatchObject({
      properties: { referralSource: { enum: expect.arrayContaining(['gp', 'self']) } },
    });
  });
});
