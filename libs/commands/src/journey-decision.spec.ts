import { commands, consentTo, day, eventsOf, PARTICIPANT_ID } from '@workwell/domain-testing';
import { initialState, participantKeyId, type JourneyCommand, type SealedPersonalData } from '@workwell/domain';
import { decideHistory, StaleVersion } from './journey-decision';
import type { Sealer } from './sealer';

const NOW = '2025-12-01T09:00:00.000Z';

/** The runner's request for a fixture command: personal fields come from the sealer it is given. */
const requestFor = (command: JourneyCommand, extra: { expectedVersion?: number; metadata?: Record<string, unknown> } = {}) => ({
  type: command.type,
  context: { ...command.context, now: NOW, idempotencyKey: undefined },
  data: async (seal: Sealer) =>
    command.type === 'ReferParticipant' ? { ...command.data, personalDetails: await seal.text('{"name":"Alex Example"}') } : command.data,
  ...extra,
});

/** A sealer that counts what it seals, with envelopes of the right shape. */
const countingSealer = () => {
  const sealed: string[] = [];
  const envelope = (text: string): SealedPersonalData => ({
    sealed: 'aes-256-gcm',
    keyId: participantKeyId(PARTICIPANT_ID),
    iv: 'AQEBAQEBAQEBAQEB',
    ciphertext: Buffer.from(text).toString('base64'),
    tag: 'AQEBAQEBAQEBAQEBAQEBAQ==',
  });
  const seal: Sealer = {
    text: async (value) => (sealed.push(value), envelope(value)),
    optionalText: async (value) => (value ? (sealed.push(value), envelope(value)) : null),
    json: async (value) => (sealed.push(JSON.stringify(value)), envelope(JSON.stringify(value))),
  };
  return { seal, sealed };
};

describe('decideHistory', () => {
  const history = [commands.refer(), commands.contact(), commands.triage(), consentTo('programme-participation'), commands.liaise()];

  it('decides each request on the journey folded so far, as the domain does them one by one, with the real envelopes', async () => {
    const { seal, sealed } = countingSealer();
    const decision = await decideHistory(
      history.map((command, row) => requestFor(command, { metadata: { row } })),
      initialState(),
      seal,
    );
    if (!decision.accepted) throw decision.error;
    const expected = eventsOf(...history);
    expect(decision.decided.flat().map((event) => event.type)).toEqual(expected.map((event) => event.type));
    // The employer liaison had no consent for it: blocked, and the attempt kept.
    expect(decision.decided.at(-1)!.map((event) => event.type)).toEqual(['DataSharingBlocked']);
    expect(decision.decided.map((events) => events[0].metadata)).toEqual(history.map((_, row) => expect.objectContaining({ row })));
    expect(decision.journey.version).toBe(expected.length);
    const referral = decision.decided[0][0].data as { personalDetails: SealedPersonalData };
    expect(Buffer.from(referral.personalDetails.ciphertext, 'base64').toString()).toBe('{"name":"Alex Example"}');
    expect(sealed).toEqual(['{"name":"Alex Example"}']);
  });

  it('fills every personal field of every command into the events it decides, and leaves no placeholder behind', async () => {
    const { seal, sealed } = countingSealer();
    const texts: Record<string, (seal: Sealer) => Promise<Record<string, unknown>>> = {
      TriageReferral: async (s) => ({ reason: await s.optionalText('triage reason') }),
      AgreeActionPlan: async (s) => ({ goals: [{ ...commands.agreePlan().data.goals[0], description: await s.text('goal text') }] }),
      ReviewActionPlan: async (s) => ({ notes: await s.optionalText('review notes') }),
      RecordCoachingSession: async (s) => ({ notes: await s.optionalText('session notes') }),
      RecordEmployerLiaison: async (s) => ({ notes: await s.optionalText('liaison notes') }),
      WithdrawConsent: async (s) => ({ reason: await s.optionalText('withdrawal reason') }),
      ReEngageParticipant: async (s) => ({ reason: await s.optionalText('re-engagement reason') }),
      CorrectEvent: async (s) => ({ reason: await s.optionalText('correction reason') }),
    };
    const journey = [
      commands.refer(),
      commands.contact(),
      commands.triage(),
      commands.firstAppointment(),
      consentTo('programme-participation'),
      consentTo('employer-liaison'),
      commands.assess(),
      commands.agreePlan(),
      commands.session(),
      commands.liaise(),
      commands.reviewPlan(),
      commands.withdrawConsent(),
      commands.discharge(),
      commands.correct({ occurredAt: day(101), correctedVersion: 9, correctedType: 'CoachingSessionHeld' }),
      commands.reEngage(),
    ];
    const requests = journey.map((command) => {
      const base = requestFor(command);
      const extra = texts[command.type];
      return extra ? { ...base, data: async (s: Sealer) => ({ ...(await base.data(s)), ...(await extra(s)) }) } : base;
    });
    const decision = await decideHistory(requests, initialState(), seal);
    if (!decision.accepted) throw decision.error;
    const envelopes: SealedPersonalData[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) {
        if ((value as { sealed?: unknown }).sealed === 'aes-256-gcm') envelopes.push(value as SealedPersonalData);
        else Object.values(value).forEach(collect);
      }
    };
    decision.decided.flat().forEach((event) => collect(event.data));
    expect(envelopes.map((envelope) => Buffer.from(envelope.ciphertext, 'base64').toString()).sort()).toEqual([...sealed].sort());
    expect(sealed).toHaveLength(9);
  });

  it('seals nothing when any request of the history is refused, and names the first refused', async () => {
    const { seal, sealed } = countingSealer();
    const broken = [commands.refer(), commands.contact(), commands.assess({ occurredAt: day(2) }), commands.agreePlan()];
    const decision = await decideHistory(
      broken.map((command) => requestFor(command)),
      initialState(),
      seal,
    );
    expect(decision).toMatchObject({ accepted: false, index: 2, error: { code: 'TRIAGE_NOT_ACCEPTED' } });
    expect(sealed).toEqual([]);
  });

  it("applies the reach check and the expected version before deciding, and the caller's acceptance of what was decided", async () => {
    const { seal, sealed } = countingSealer();
    const stale = await decideHistory(
      [requestFor(commands.refer()), requestFor(commands.contact(), { expectedVersion: 7 })],
      initialState(),
      seal,
    );
    expect(stale).toMatchObject({ accepted: false, index: 1, error: new StaleVersion(1, 7) });
    const refusal = new Error('not your site');
    const unreachable = await decideHistory(
      [
        {
          ...requestFor(commands.refer()),
          mayReach: () => {
            throw refusal;
          },
        },
      ],
      initialState(),
      seal,
    );
    expect(unreachable).toEqual({ accepted: false, index: 0, error: refusal });
    const unexpected = await decideHistory(
      [
        requestFor(commands.refer()),
        {
          ...requestFor(commands.contact()),
          accept: (events) => {
            if (events[0].type !== 'ContactAttempted') throw refusal;
            throw new Error(`not ${events[0].type}`);
          },
        },
      ],
      initialState(),
      seal,
    );
    expect(unexpected).toMatchObject({ accepted: false, index: 1, error: { message: 'not ContactAttempted' } });
    expect(sealed).toEqual([]);
  });
});
