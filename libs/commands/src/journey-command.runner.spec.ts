import { commands, contextAt, day, PARTICIPANT_ID } from '@workwell/domain-testing';
import { participantKeyId, participantStreamId, type CommandContext, type JourneyCommand } from '@workwell/domain';
import { InMemoryEventStore } from '@workwell/event-store';
import { InMemoryKeyStore } from '@workwell/key-store';
import { JourneyCommandRunner, StaleVersion, storeKey } from './journey-command.runner';

const NOW = '2025-06-01T09:00:00.000Z';

/** A request for a fixture command, its personal fields sealed through the runner's sealer. */
const requestFor = (command: JourneyCommand, context: Partial<CommandContext> = {}) => ({
  type: command.type,
  context: { ...command.context, now: NOW, idempotencyKey: undefined, ...context },
  data: async (seal: { text(value: string): Promise<unknown> }) =>
    command.type === 'ReferParticipant' ? { ...command.data, personalDetails: await seal.text('{"name":"Alex Example"}') } : command.data,
});

const setup = () => {
  const store = new InMemoryEventStore();
  const keys = new InMemoryKeyStore();
  return { store, keys, runner: new JourneyCommandRunner(store, keys) };
};

const hasKey = async (keys: InMemoryKeyStore, participantId = PARTICIPANT_ID) => {
  try {
    await keys.open(await keys.seal(participantKeyId(participantId), 'probe'));
    return true;
  } catch {
    return false;
  }
};

describe('the journey command runner', () => {
  it('decides before sealing: a refused command leaves no key and no event', async () => {
    const { store, keys, runner } = setup();
    const sealed: string[] = [];
    const spying = { ...keys, seal: async (keyId: string, text: string | object) => (sealed.push(keyId), keys.seal(keyId, text)) };
    const strict = new JourneyCommandRunner(store, spying as unknown as InMemoryKeyStore);
    await expect(strict.run(requestFor(commands.triage()))).rejects.toMatchObject({ code: 'NOT_REFERRED' });
    expect(sealed).toEqual([]);
    expect(await store.headPosition()).toBe(0);
    const { result } = await runner.run(requestFor(commands.refer()));
    expect(result.events.map((event) => event.type)).toEqual(['ParticipantReferred']);
    expect(await hasKey(keys)).toBe(true);
  });

  it('refuses every command on an erased participant with the rule, never by failing to seal', async () => {
    const { keys, runner } = setup();
    await runner.run(requestFor(commands.refer()));
    await runner.run({
      type: 'EraseParticipant',
      context: { ...contextAt(day(2)), idempotencyKey: undefined },
      data: () => ({ occurredAt: day(2), reasonCode: { code: 'erasure-request', list: 'erasure-reason', version: '2024.1' } as never }),
    });
    await keys.destroyKey(participantKeyId(PARTICIPANT_ID), 'erasure-request');
    for (const command of [commands.refer({ occurredAt: day(3) }), commands.contact({ occurredAt: day(3) })]) {
      await expect(runner.run(requestFor(command))).rejects.toMatchObject({ code: 'PARTICIPANT_ERASED' });
    }
  });

  it('answers a pinned version that moved on, or a concurrent write behind it, with StaleVersion', async () => {
    const { store, keys, runner } = setup();
    await runner.run(requestFor(commands.refer()));
    await expect(runner.run({ ...requestFor(commands.contact()), expectedVersion: 7 })).rejects.toEqual(new StaleVersion(1, 7));
    // Another process writes behind this runner's cache.
    const other = new JourneyCommandRunner(store, keys);
    await other.run(requestFor(commands.contact()));
    await expect(runner.run({ ...requestFor(commands.contact({ occurredAt: day(2) })), expectedVersion: 1 })).rejects.toBeInstanceOf(
      StaleVersion,
    );
    // Without a pinned version the command is decided again on the stored journey.
    const { result } = await runner.run(requestFor(commands.contact({ occurredAt: day(2) })));
    expect(result.version).toBe(3);
  });

  it('gives a retried command its first result, and scopes idempotency keys to one user', async () => {
    const { runner } = setup();
    const keyed = { ...requestFor(commands.refer()), context: { ...commands.refer().context, now: NOW, idempotencyKey: 'key-0001' } };
    const first = await runner.run(keyed);
    const again = await runner.run(keyed);
    expect(again.result).toMatchObject({ duplicate: true, version: first.result.version, position: first.result.position });
    expect(again.result.events.map((event) => event.eventId)).toEqual(first.result.events.map((event) => event.eventId));
    expect(storeKey(keyed.context)).toBe(`user:${keyed.context.actor.userId}:key-0001`);
    // The same key from the same user on another participant finds the first request, not a new stream.
    const elsewhere = '0f14e45f-ceea-4e67-a9e1-2b1c3d4e5f61';
    const reused = await runner.run({ ...keyed, context: { ...keyed.context, participantId: elsewhere } });
    expect(reused.result).toMatchObject({ duplicate: true, streamId: participantStreamId(PARTICIPANT_ID) });
  });
});
