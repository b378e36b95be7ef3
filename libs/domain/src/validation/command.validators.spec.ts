import { coded } from '../code-lists/code-list.types';
import { REFERRAL_SOURCES_2024, REFERRAL_SOURCES } from '../code-lists/referral.code-lists';
import { INSTRUMENTS } from '../code-lists/support.code-lists';
import type { JourneyCommand } from '../journey/journey.commands';
import { ValidationFailed } from '../shared/domain.errors';
import { given } from '../../testing/given-when-then';
import { commands, contextAt, day, eventsOf, fakeSeal, REFERRED_AT, sealedText, started, swemwbs } from '../../testing/journey.fixtures';
import { commandProblems, validateCommand } from './command.validators';

/** Replaces fields of a valid command's data with anything, typed or not: the edge must catch it. */
const withData = (command: JourneyCommand, patch: Record<string, unknown>): JourneyCommand =>
  ({ ...command, data: { ...command.data, ...patch } }) as unknown as JourneyCommand;
const fieldsOf = (command: JourneyCommand) => commandProblems(command).map((problem) => problem.field);
const measure = (instrument: (typeof INSTRUMENTS.codes)[number], items: number[], score: number | null) => ({
  instrument: coded(INSTRUMENTS, instrument),
  instrumentVersion: `${instrument}-1`,
  items,
  score,
});
const assessWith = (baseline: unknown) => withData(commands.assess(), { baselineMeasures: [baseline] });

describe('validation at the domain edge', () => {
  it('refuses a field it does not know rather than storing it', () => {
    given()
      .when(withData(commands.refer(), { notes: 'Lives with her sister' }))
      .thenInvalid('data.notes');
  });

  it('lists every problem at once, by dotted path', () => {
    const command = withData(commands.refer(), { siteId: undefined, referralSource: 'gp', personalDetails: 'Alex Example' });
    given().when(command).thenInvalid('data.siteId', 'data.referralSource', 'data.personalDetails');
    expect(() => validateCommand(command)).toThrow(ValidationFailed);
  });

  describe('coded values name their list and version', () => {
    it.each([
      ['a bare code', 'gp', 'data.referralSource'],
      ['another list', { list: 'ethnicity', version: 'ons-2021', code: 'gp' }, 'data.referralSource.list'],
      ['an unknown version', { list: 'referral-source', version: '1999.1', code: 'gp' }, 'data.referralSource.version'],
      ['a code not in that version', { list: 'referral-source', version: '2024.1', code: 'social-prescriber' }, 'data.referralSource.code'],
      ['an extra field', { ...coded(REFERRAL_SOURCES, 'gp'), label: 'GP' }, 'data.referralSource.label'],
    ])('refuses %s', (_what, referralSource, field) => {
      expect(fieldsOf(withData(commands.refer(), { referralSource }))).toEqual([field]);
    });

    it('accepts a code from an older version of the list', () => {
      expect(fieldsOf(commands.refer({ referralSource: coded(REFERRAL_SOURCES_2024, 'gp') }))).toEqual([]);
    });
  });

  describe('personal data is sealed with the participant key', () => {
    it.each([
      ['clear text', 'Alex Example, 1 High Street', 'data.personalDetails'],
      ["another participant's key", fakeSeal('someone-else', 'x'), 'data.personalDetails.keyId'],
      ['a short iv', { ...sealedText('x'), iv: 'AAAA' }, 'data.personalDetails.iv'],
      ['a tag that is not base64', { ...sealedText('x'), tag: 'not base64!' }, 'data.personalDetails.tag'],
      ['another cipher', { ...sealedText('x'), sealed: 'rot13' }, 'data.personalDetails.sealed'],
    ])('refuses %s', (_what, personalDetails, field) => {
      expect(fieldsOf(withData(commands.refer(), { personalDetails }))).toEqual([field]);
    });

    it('refuses free text in clear wherever it appears', () => {
      expect(fieldsOf(withData(commands.session(), { notes: 'Felt low this week' }))).toEqual(['data.notes']);
      expect(fieldsOf(withData(commands.giveConsent(), { evidenceReference: 'Signed form in the top drawer' }))).toEqual([
        'data.evidenceReference',
      ]);
    });
  });

  describe('dates', () => {
    it.each([
      ['a date without a time zone', '2025-03-03T09:00:00'],
      ['a day that does not exist', '2025-02-30T09:00:00Z'],
      ['not a date', 'yesterday'],
    ])('refuse %s', (_what, occurredAt) => {
      expect(fieldsOf(withData(commands.refer(), { occurredAt }))).toEqual(['data.occurredAt']);
    });

    it('refuse a business time more than five minutes after the recording clock', () => {
      const now = '2025-03-03T09:00:00Z';
      expect(fieldsOf(commands.refer({ occurredAt: '2025-03-03T09:05:01Z' }, { now }))).toEqual(['data.occurredAt']);
      expect(fieldsOf(commands.refer({ occurredAt: '2025-03-03T09:05:00Z' }, { now }))).toEqual([]);
    });

    it('accept a business time long before the recording (late entries)', () => {
      expect(fieldsOf(commands.refer({}, { now: '2025-06-01T10:00:00Z' }))).toEqual([]);
    });

    it('refuse a consent expiring before it was given, and a plan signed after it was agreed', () => {
      expect(fieldsOf(commands.giveConsent({ expiresAt: day(2) }))).toEqual(['data.expiresAt']);
      expect(fieldsOf(commands.agreePlan({ signedByParticipantOn: '2025-03-14' }))).toEqual(['data.signedByParticipantOn']);
    });
  });

  describe('score ranges', () => {
    it.each([
      ['SWEMWBS 7', measure('swemwbs', [1, 1, 1, 1, 1, 1, 1], 7), []],
      ['SWEMWBS 35', measure('swemwbs', [5, 5, 5, 5, 5, 5, 5], 35), []],
      ['SWEMWBS metric 19.98', measure('swemwbs', [3, 3, 3, 3, 3, 3, 3], 19.98), []],
      ['SWEMWBS 6', measure('swemwbs', [1, 1, 1, 1, 1, 1, 1], 6), ['data.baselineMeasures.0.score']],
      ['SWEMWBS 36', measure('swemwbs', [5, 5, 5, 5, 5, 5, 5], 36), ['data.baselineMeasures.0.score']],
      ['SWEMWBS with 6 answers', measure('swemwbs', [1, 1, 1, 1, 1, 1], 7), ['data.baselineMeasures.0.items']],
      ['SWEMWBS answer 6', measure('swemwbs', [6, 1, 1, 1, 1, 1, 1], 12), ['data.baselineMeasures.0.items.0']],
      ['WEMWBS 70', measure('wemwbs', Array(14).fill(5), 70), []],
      ['WEMWBS 13', measure('wemwbs', Array(14).fill(1), 13), ['data.baselineMeasures.0.score']],
      ['ONS4 0 and 10', measure('ons4', [0, 10, 5, 7], null), []],
      ['ONS4 11', measure('ons4', [0, 11, 5, 7], null), ['data.baselineMeasures.0.items.1']],
      ['ONS4 with a score', measure('ons4', [0, 1, 5, 7], 13), ['data.baselineMeasures.0.score']],
      ['EQ-5D-5L level 5, VAS 100', measure('eq-5d-5l', [1, 2, 3, 4, 5], 100), []],
      ['EQ-5D-5L level 0', measure('eq-5d-5l', [0, 2, 3, 4, 5], 50), ['data.baselineMeasures.0.items.0']],
      ['EQ-5D-5L VAS 101', measure('eq-5d-5l', [1, 2, 3, 4, 5], 101), ['data.baselineMeasures.0.score']],
    ])('%s', (_what, baseline, fields) => {
      expect(fieldsOf(assessWith(baseline))).toEqual(fields);
    });

    it.each([
      [withData(commands.discharge(), { satisfaction: 0 }), ['data.satisfaction']],
      [withData(commands.discharge(), { satisfaction: 6 }), ['data.satisfaction']],
      [withData(commands.discharge(), { satisfaction: 4.5 }), ['data.satisfaction']],
      [commands.discharge({ satisfaction: 1 }), []],
      [withData(commands.session(), { durationMinutes: 0 }), ['data.durationMinutes']],
      [withData(commands.session(), { durationMinutes: 481 }), ['data.durationMinutes']],
      [commands.session({ durationMinutes: 480 }), []],
    ])('checks satisfaction 1-5 and session length 1-480 (%#)', (command, fields) => {
      expect(fieldsOf(command)).toEqual(fields);
    });

    it('checks hours per week 0-100 and the wellbeing measure of an outcome', () => {
      const result = { ...(commands.outcome().data.result as object), hoursPerWeek: 101, wellbeing: swemwbs(40) };
      expect(fieldsOf(withData(commands.outcome(), { result }))).toEqual(['data.result.hoursPerWeek', 'data.result.wellbeing.score']);
    });

    it('tells reached from could-not-be-reached outcomes', () => {
      expect(fieldsOf(withData(commands.outcome(), { result: { attempts: 2 } }))).toEqual(['data.result.reached']);
      expect(fieldsOf(withData(commands.outcome(), { result: { reached: false } }))).toEqual(['data.result.attempts']);
    });
  });

  describe('cross-field rules', () => {
    it('an accepted triage names the coach', () => {
      expect(fieldsOf(commands.triage({ assignedCoachId: null }))).toEqual(['data.assignedCoachId']);
    });

    it('goal ids are unique in a plan', () => {
      const goal = commands.agreePlan().data.goals[0];
      expect(fieldsOf(commands.agreePlan({ goals: [goal, goal] }))).toEqual(['data.goals']);
    });

    it('consent cannot be the basis for an "other" recipient', () => {
      const share = commands.share();
      const command = withData(share, {
        recipient: { ...share.data.recipient, kind: { list: 'recipient-kind', version: '2024.1', code: 'other' } },
        lawfulBasis: { list: 'lawful-basis', version: 'uk-gdpr-art6', code: 'consent' },
      });
      expect(fieldsOf(command)).toEqual(['data.lawfulBasis']);
    });
  });

  describe('the command context', () => {
    it.each([
      [{ participantId: '' }, 'context.participantId'],
      [{ actor: { userId: 'u1', role: 'janitor', organisation: 'o', site: 's' } }, 'context.actor.role'],
      [{ now: 'now' }, 'context.now'],
      [{ correlationId: undefined }, 'context.correlationId'],
      [
        { siteSchedule: { checkpoints: [{ checkpoint: 'discharge', after: { weeks: 1 } }] } },
        'context.siteSchedule.checkpoints.0.checkpoint',
      ],
    ])('is checked too (%#)', (patch, field) => {
      const command = { ...commands.refer(), context: { ...contextAt(REFERRED_AT), ...patch } } as unknown as JourneyCommand;
      expect(fieldsOf(command)).toEqual([field]);
    });

    it('refuses an unknown command type', () => {
      expect(fieldsOf({ ...commands.refer(), type: 'DeleteParticipant' } as unknown as JourneyCommand)).toEqual(['type']);
    });

    it('validation runs before the rules', () => {
      given(...eventsOf(...started()))
        .when(withData(commands.triage(), { decision: 'accepted' }))
        .thenInvalid('data.decision');
    });
  });
});
