import type { JourneyCommand } from '../src/journey/journey.commands';
import { decide } from '../src/journey/journey.decider';
import type { JourneyEvent } from '../src/journey/journey.events';
import { evolveAll } from '../src/journey/journey.evolve';
import type { SharingBlockedCode } from '../src/journey/sharing.events';
import { JourneyRuleBroken, type JourneyRuleCode, ValidationFailed } from '../src/shared/domain.errors';

/** The error a `decide` threw, or the events it returned. */
const attempt = (run: () => JourneyEvent[]): { events: JourneyEvent[] } | { error: unknown } => {
  try {
    return { events: run() };
  } catch (error) {
    return { error };
  }
};

/**
 * `given(...events).when(command).then(expectedEvents | 'ERROR_CODE')`: the decider spec in one
 * line. A string expects a refusal with that code (`VALIDATION_FAILED` for a malformed command).
 */
export const given = (...history: readonly JourneyEvent[]) => ({
  when: (command: JourneyCommand) => {
    const outcome = attempt(() => decide(command, evolveAll(history)));
    const events = (): JourneyEvent[] => {
      if ('error' in outcome) throw new Error(`expected events, but decide refused: ${String(outcome.error)}`);
      return outcome.events;
    };
    return {
      then: (expected: readonly JourneyEvent[] | JourneyRuleCode | 'VALIDATION_FAILED'): JourneyEvent[] => {
        if (typeof expected !== 'string') {
          expect(events()).toEqual(expected);
          return events();
        }
        if (!('error' in outcome))
          throw new Error(`expected refusal ${expected}, but decide returned ${outcome.events.map((e) => e.type).join(', ') || 'nothing'}`);
        const error = outcome.error;
        if (!(error instanceof JourneyRuleBroken) && !(error instanceof ValidationFailed)) throw error;
        expect({ code: error.code, message: error.message }).toEqual({ code: expected, message: expect.any(String) });
        return [];
      },
      /** The fields a `ValidationFailed` names, in order. */
      thenInvalid: (...fields: string[]): void => {
        if (!('error' in outcome) || !(outcome.error instanceof ValidationFailed))
          throw new Error(`expected ValidationFailed, got ${'error' in outcome ? String(outcome.error) : 'events'}`);
        expect(outcome.error.errors.map((e) => e.field)).toEqual(fields);
      },
      thenBlocked: (reasonCode: SharingBlockedCode): JourneyEvent[] => {
        const produced = events();
        expect(produced.map((e) => e.type)).toEqual(['DataSharingBlocked']);
        expect(produced[0].type === 'DataSharingBlocked' && produced[0].data.reasonCode).toBe(reasonCode);
        return produced;
      },
      events,
    };
  },
});
