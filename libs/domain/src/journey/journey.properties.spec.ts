import fc from 'fast-check';
import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { coded } from '../code-lists/code-list.types';
import * as lists from '../code-lists';
import { generateJourney } from '@workwell/synthetic';
import { replayCommands } from '@workwell/synthetic';
import { invariantViolations } from '../../testing/journey.invariants';
import { commands, day, fakeSeal } from '../../testing/journey.fixtures';
import { JOURNEY_EVENT_TYPES } from './journey.events';
import { evolveAll, JOURNEY_STATE_TYPES } from './journey.evolve';
import type { JourneyCommand } from './journey.commands';
import { DAY_MS, toIsoInstant, toMillis } from '../shared/iso-time.values';

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const when = fc.integer({ min: -4, max: 800 }).map((halfDays) => day(halfDays / 2));
const lateBy = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }));

/** Any command of the journey, with plausible but unconstrained values: most will be refused, some will not. */
const anyCommand: fc.Arbitrary<JourneyCommand> = fc.tuple(when, lateBy, fc.nat(1000), fc.boolean()).chain(([occurredAt, late, n, flag]) => {
  const context = { now: toIsoInstant(toMillis(occurredAt) + late * DAY_MS + 60_000) };
  const scope = coded(lists.CONSENT_SCOPES, lists.CONSENT_SCOPES.codes[n % lists.CONSENT_SCOPES.codes.length]);
  const id = (prefix: string) => `${prefix}-${n % 3}`;
  return pick([
    () => commands.refer({ occurredAt }, context),
    () => commands.contact({ occurredAt, outcome: coded(lists.CONTACT_OUTCOMES, lists.CONTACT_OUTCOMES.codes[n % 3]) }, context),
    () =>
      commands.triage(
        {
          occurredAt,
          decision: coded(lists.TRIAGE_DECISIONS, lists.TRIAGE_DECISIONS.codes[n % 3]),
          eligibility: {
            workingAge: flag || n % 2 === 0,
            healthConditionOrDisability: true,
            inWorkOrRecentlyOutOfWork: true,
            livesOrRegisteredWithGpInArea: true,
          },
        },
        context,
      ),
    () => commands.firstAppointment({ occurredAt }, context),
    () =>
      commands.giveConsent(
        { occurredAt, scope, ...(flag ? { expiresAt: toIsoInstant(toMillis(occurredAt) + ((n % 90) + 1) * DAY_MS) } : {}) },
        context,
      ),
    () => commands.withdrawConsent({ occurredAt, scope }, context),
    () => commands.assess({ occurredAt }, context),
    () => commands.agreePlan({ occurredAt, planId: id('plan'), signedByParticipantOn: londonDateOf(occurredAt) }, context),
    () => commands.reviewPlan({ occurredAt, planId: id('plan') }, context),
    () => commands.session({ occurredAt }, context),
    () => commands.onwardReferral({ occurredAt, onwardReferralId: id('onward'), ...(flag ? {} : { dataShared: null }) }, context),
    () => commands.onwardOutcome({ occurredAt, onwardReferralId: id('onward') }, context),
    () => commands.liaise({ occurredAt, liaisonId: id('liaison') }, context),
    () => {
      const kind = lists.RECIPIENT_KINDS.codes[n % 6];
      const basis = lists.LAWFUL_BASES.codes[(n >> 3) % 4];
      return commands.share(
        {
          occurredAt,
          sharingId: id('sharing'),
          recipient: { kind: coded(lists.RECIPIENT_KINDS, kind), reference: 'org-1' },
          lawfulBasis: coded(lists.LAWFUL_BASES, basis),
        },
        context,
      );
    },
    () =>
      commands.outcome(
        {
          occurredAt,
          checkpoint: coded(lists.CHECKPOINTS, lists.CHECKPOINTS.codes[n % 6]),
          ...(flag ? { result: { reached: false, attempts: 2 } } : {}),
        },
        context,
      ),
    () => commands.discharge({ occurredAt }, context),
    () => commands.reEngage({ occurredAt }, context),
    () =>
      commands.correct(
        { occurredAt, correctedVersion: (n % 30) + 1, correctedType: JOURNEY_EVENT_TYPES[(n >> 5) % JOURNEY_EVENT_TYPES.length] },
        context,
      ),
    () => commands.erase({ occurredAt }, context),
  ]).map((build) => build() as JourneyCommand);
});

/** Commands that usually succeed, in journey order, so that random sequences get deep into the journey. */
const happyPath = [
  commands.refer(),
  commands.contact(),
  commands.triage(),
  commands.firstAppointment(),
  commands.giveConsent(),
  commands.assess(),
  commands.agreePlan(),
];

const seal = fakeSeal;

describe('journey properties', () => {
  it('random command sequences never break an invariant of domain.md', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(anyCommand, { maxLength: 40 }), (fromStart, random) => {
        const { events } = replayCommands([...(fromStart ? happyPath : happyPath.slice(0, 1)), ...random], { skipRefusals: true });
        expect(invariantViolations(events)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('generated journeys are accepted whole and keep every invariant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const options = {
          seed,
          participants: 1,
          startDate: '2024-10-01',
          seal,
          rates: { correction: 0.3, erasure: 0.2, liaisonWithoutConsent: 0.5, consentWithdrawal: 0.5, reEngagement: 0.3 },
        };
        const { events, refusals } = replayCommands(generateJourney(options, 0).commands);
        expect(refusals).toEqual([]);
        expect(invariantViolations(events)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('generated journeys shuffled, thinned and repeated still never break an invariant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('drop', 'repeat', 'swap')), { maxLength: 8 }),
        (seed, edits) => {
          const journey = [
            ...generateJourney({ seed, participants: 1, startDate: '2024-10-01', seal, rates: { correction: 0.2 } }, 0).commands,
          ];
          for (const [i, j, edit] of edits) {
            if (journey.length === 0) break;
            const a = i % journey.length;
            const b = j % journey.length;
            if (edit === 'drop') journey.splice(a, 1);
            if (edit === 'repeat') journey.splice(b, 0, journey[a]);
            if (edit === 'swap') [journey[a], journey[b]] = [journey[b], journey[a]];
          }
          expect(invariantViolations(replayCommands(journey, { skipRefusals: true }).events)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('folds to the same journey with every event outside JOURNEY_STATE_TYPES read without its data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const options = {
          seed,
          participants: 1,
          startDate: '2024-10-01',
          seal,
          rates: { correction: 0.3, erasure: 0.2, liaisonWithoutConsent: 0.5, consentWithdrawal: 0.5, reEngagement: 0.3 },
        };
        const { events } = replayCommands(generateJourney(options, 0).commands);
        const withoutData = events.map((event) =>
          JOURNEY_STATE_TYPES.includes(event.type) ? event : ({ ...event, data: null } as unknown as typeof event),
        );
        const { history: _h, ...state } = evolveAll(events);
        const { history: _w, ...stateWithoutData } = evolveAll(withoutData);
        expect(stateWithoutData).toEqual(state);
      }),
      { numRuns: 150 },
    );
  });
});
