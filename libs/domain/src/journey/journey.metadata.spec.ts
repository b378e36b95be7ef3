import { commands, day, eventsOf, started } from '../../testing/journey.fixtures';
import { decide } from './journey.decider';
import { evolveAll } from './journey.evolve';
import { journeyFollowUpsAsOf } from './journey.follow-ups';
import { toEventMetadata, toNewEvent } from './journey.metadata';

describe('event envelope', () => {
  it('carries business time, actor, correlation, causation and idempotency key from the command', () => {
    const command = commands.session({}, { causationId: 'command-9', idempotencyKey: 'retry-safe-1' });
    const [event] = decide(command, evolveAll(eventsOf(...started())));
    expect(toEventMetadata(command, event)).toEqual({
      occurredAt: day(17),
      actor: { userId: 'coach-17', role: 'coach', organisation: 'icb-north-east', site: 'site-01' },
      correlationId: 'correlation-1',
      causationId: 'command-9',
      idempotencyKey: 'retry-safe-1',
    });
  });

  it('leaves causation null and the key out when the command has none', () => {
    const command = commands.refer({}, { causationId: undefined, idempotencyKey: undefined });
    const [event] = decide(command, evolveAll([]));
    expect(toNewEvent(command, event)).toEqual({
      type: 'ParticipantReferred',
      schemaVersion: 2,
      data: command.data,
      metadata: expect.not.objectContaining({ idempotencyKey: expect.anything() }),
    });
    expect(toEventMetadata(command, event).causationId).toBeNull();
  });
});

describe('follow-ups of a journey', () => {
  it('reads the service standards and checkpoints off the decider state', () => {
    const journey = evolveAll(eventsOf(...started()));
    // Referred Monday 3 March 2025, contacted the next day, plan signed 13 March, started 13 March.
    const followUps = journeyFollowUpsAsOf(journey, '2025-06-10');
    expect(followUps.map(({ kind, checkpoint, status }) => [kind, checkpoint, status])).toEqual([
      ['first-contact', null, 'met'],
      ['signed-plan', null, 'met'],
      ['outcome', '12-weeks', 'overdue'],
      ['outcome', '26-weeks', 'pending'],
      ['outcome', '52-weeks', 'pending'],
    ]);
  });

  it('has nothing due for an erased participant', () => {
    expect(journeyFollowUpsAsOf(evolveAll(eventsOf(...started(), commands.erase())), '2026-01-01')).toEqual([]);
  });
});
