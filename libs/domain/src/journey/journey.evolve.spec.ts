import fc from 'fast-check';
import { coded } from '../code-lists/code-list.types';
import { CORRECTION_REASONS } from '../code-lists/outcome.code-lists';
import { generateJourney } from '@workwell/synthetic';
import { replayCommands } from '@workwell/synthetic';
import { commands, day, eventsOf, fakeSeal, started } from '../../testing/journey.fixtures';
import { NOT_CORRECTABLE } from './exit.rules';
import type { JourneyEvent } from './journey.events';
import { evolve, evolveAll } from './journey.evolve';
import { initialState, stageOf, typeAtVersion } from './journey.state';

const generatedEvents = (seed: number): JourneyEvent[] =>
  replayCommands(
    generateJourney(
      { seed, participants: 1, startDate: '2024-10-01', seal: fakeSeal, rates: { correction: 0.5, erasure: 0.3, reEngagement: 0.5 } },
      0,
    ).commands,
  ).events.map(({ type, data }) => ({ type, data }) as JourneyEvent);

/** Events of every type, from real journeys, to be thrown at `evolve` in any order. */
const pool = [1, 2, 3, 4, 5, 6, 7, 8].flatMap(generatedEvents);

const correction = (correctedVersion: number, correctedType: JourneyEvent['type'] = 'OutcomeRecorded'): JourneyEvent => ({
  type: 'EventCorrected',
  data: { occurredAt: day(1), correctedVersion, correctedType, reasonCode: coded(CORRECTION_REASONS, 'wrong-value') },
});

/** What the rules look at, without stream versions (removing an event renumbers the ones after it). */
const facts = ({ erased, firstReferredAt, episode, consents }: ReturnType<typeof initialState>): unknown =>
  JSON.parse(JSON.stringify({ erased, firstReferredAt, episode, consents }, (key, value) => (key === 'version' ? undefined : value)));

describe('evolve', () => {
  it('starts from an empty journey', () => {
    expect(stageOf(initialState())).toBe('not-referred');
    expect(initialState().version).toBe(0);
  });

  it('counts events as stream versions and remembers each type', () => {
    const journey = evolveAll(eventsOf(...started()));
    expect(journey.version).toBe(7);
    expect(typeAtVersion(journey, 7)).toBe('ActionPlanAgreed');
    expect(stageOf(journey)).toBe('started');
    expect(journey.episode?.start?.planId).toBe('plan-1');
  });

  it('is total: any sequence of catalogue events folds without throwing', () => {
    const anyEvent = fc.oneof(
      fc.constantFrom(...pool),
      fc.tuple(fc.integer({ min: -5, max: 60 }), fc.constantFrom(...pool.map((e) => e.type))).map(([v, t]) => correction(v, t)),
    );
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), (events) => {
        const journey = evolveAll(events);
        expect(journey.version).toBe(events.length);
        stageOf(journey);
      }),
      { numRuns: 300 },
    );
  });

  it('a correction leaves the facts as if the corrected event had never been recorded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.nat(), (seed, pick) => {
        const events = generatedEvents(seed).filter((event) => event.type !== 'EventCorrected' && event.type !== 'ParticipantErased');
        const correctable = events
          .map((event, index) => ({ event, version: index + 1 }))
          .filter(({ event }) => !NOT_CORRECTABLE.includes(event.type));
        if (correctable.length === 0) return;
        const { event, version } = correctable[pick % correctable.length];
        const corrected = evolve(evolveAll(events), correction(version, event.type));
        const neverRecorded = evolveAll(events.filter((_, index) => index + 1 !== version));
        expect(facts(corrected)).toEqual(facts(neverRecorded));
        expect(corrected.version).toBe(events.length + 1);
      }),
      { numRuns: 100 },
    );
  });

  it('moves the start to the next plan when the first is corrected', () => {
    const events = eventsOf(
      ...started(),
      commands.agreePlan({ planId: 'plan-2', occurredAt: day(11), signedByParticipantOn: '2025-03-14' }),
    );
    const journey = evolve(evolveAll(events), correction(7, 'ActionPlanAgreed'));
    expect(journey.episode?.start?.planId).toBe('plan-2');
  });
});
