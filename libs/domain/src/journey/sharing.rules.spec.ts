import { coded } from '../code-lists/code-list.types';
import { CONSENT_SCOPES, LAWFUL_BASES, RECIPIENT_KINDS } from '../code-lists/sharing.code-lists';
import { given } from '../../testing/given-when-then';
import { accepted, commands, consentTo, day, eventsOf, referred, started } from '../../testing/journey.fixtures';
import { blockedReason } from './consent.rules';

const employerConsent = () => consentTo('employer-liaison', day(11));
const toWorkCoach = (lawfulBasis: (typeof LAWFUL_BASES.codes)[number]) =>
  commands.share({
    recipient: { kind: coded(RECIPIENT_KINDS, 'jobcentre-work-coach'), reference: 'jcp-newcastle' },
    lawfulBasis: coded(LAWFUL_BASES, lawfulBasis),
  });

describe('consent and data sharing', () => {
  describe('consent', () => {
    it('is given on a referred participant', () => {
      const consent = commands.giveConsent();
      given(...eventsOf(...referred()))
        .when(consent)
        .then([{ type: 'ConsentGiven', data: consent.data }]);
    });

    it('is withdrawn when in force', () => {
      const withdrawal = commands.withdrawConsent();
      given(...eventsOf(...started(), employerConsent()))
        .when(withdrawal)
        .then([{ type: 'ConsentWithdrawn', data: withdrawal.data }]);
    });

    it('cannot be withdrawn when never given', () => {
      given(...eventsOf(...started()))
        .when(commands.withdrawConsent())
        .then('CONSENT_NOT_ACTIVE');
    });
  });

  describe('employer liaison', () => {
    it('happens with employer-liaison consent in force, and records what was shared under which consent', () => {
      const liaison = commands.liaise();
      const events = given(...eventsOf(...started(), employerConsent()))
        .when(liaison)
        .events();
      expect(events).toEqual([
        { type: 'EmployerLiaisonRecorded', data: liaison.data },
        {
          type: 'DataShared',
          data: {
            occurredAt: liaison.data.occurredAt,
            sharingId: 'liaison-1',
            recipient: { kind: coded(RECIPIENT_KINDS, 'employer'), reference: 'employer-9f2c' },
            purpose: expect.objectContaining({ code: 'employer-liaison' }),
            dataCategories: liaison.data.dataCategories,
            lawfulBasis: expect.objectContaining({ code: 'consent' }),
            consentRelied: { scope: coded(CONSENT_SCOPES, 'employer-liaison'), consentGivenVersion: 8 },
          },
        },
      ]);
      expect(blockedReason(events)).toBeNull();
    });

    it('is blocked, not refused, without consent: the attempt is recorded and the reason is told', () => {
      const events = given(...eventsOf(...started()))
        .when(commands.liaise())
        .thenBlocked('CONSENT_NOT_GIVEN');
      expect(blockedReason(events)).toEqual({ code: 'CONSENT_NOT_GIVEN', reason: expect.stringContaining('talking to their employer') });
      expect(events[0].type === 'DataSharingBlocked' && events[0].data.attempted).toMatchObject({
        command: 'RecordEmployerLiaison',
        recipient: { reference: 'employer-9f2c' },
      });
    });

    it('is blocked after the consent was withdrawn', () => {
      given(...eventsOf(...started(), employerConsent(), commands.withdrawConsent({ occurredAt: day(15) })))
        .when(commands.liaise())
        .thenBlocked('CONSENT_WITHDRAWN');
    });

    it('is blocked once the consent has expired', () => {
      given(...eventsOf(...started(), consentTo('employer-liaison', day(11), day(20))))
        .when(commands.liaise())
        .thenBlocked('CONSENT_EXPIRED');
    });

    it('is blocked when the consent was given only after the moment of liaison', () => {
      given(...eventsOf(...started(), consentTo('employer-liaison', day(25))))
        .when(commands.liaise())
        .thenBlocked('CONSENT_NOT_GIVEN');
    });

    it('rests on consent for its own scope: another scope does not cover it', () => {
      given(...eventsOf(...started(), consentTo('share-with-gp', day(11))))
        .when(commands.liaise())
        .thenBlocked('CONSENT_NOT_GIVEN');
    });

    it('recorded late is judged at its own business time: a later withdrawal does not block it', () => {
      const history = eventsOf(...started(), employerConsent(), commands.withdrawConsent({ occurredAt: day(30) }));
      const late = commands.liaise({ occurredAt: day(21) }, { now: day(45) });
      expect(
        given(...history)
          .when(late)
          .events()
          .map((e) => e.type),
      ).toEqual(['EmployerLiaisonRecorded', 'DataShared']);
    });

    it('a withdrawal stops future sharing only and rewrites nothing already recorded', () => {
      const history = eventsOf(...started(), employerConsent(), commands.liaise());
      const withdrawal = commands.withdrawConsent({ occurredAt: day(15) }, { now: day(40) });
      const withdrawn = given(...history)
        .when(withdrawal)
        .then([{ type: 'ConsentWithdrawn', data: withdrawal.data }]);
      expect(history.map((e) => e.type)).toContain('DataShared');
      given(...history, ...withdrawn)
        .when(commands.liaise({ liaisonId: 'liaison-2', occurredAt: day(41) }))
        .thenBlocked('CONSENT_WITHDRAWN');
    });

    it('needs the participant on the caseload first (journey order before consent)', () => {
      given(...eventsOf(...referred(), employerConsent()))
        .when(commands.liaise())
        .then('TRIAGE_NOT_ACCEPTED');
    });
  });

  describe('sharing with others', () => {
    it('with a GP may rest on public task, relying on no consent', () => {
      const share = commands.share();
      given(...eventsOf(...accepted()))
        .when(share)
        .then([{ type: 'DataShared', data: { ...share.data, consentRelied: null } }]);
    });

    it('with a GP on the basis of consent needs share-with-gp consent', () => {
      given(...eventsOf(...accepted()))
        .when(commands.share({ lawfulBasis: coded(LAWFUL_BASES, 'consent') }))
        .thenBlocked('CONSENT_NOT_GIVEN');
    });

    it('progress to a Jobcentre work coach must rest on consent, whatever basis is claimed', () => {
      given(...eventsOf(...accepted()))
        .when(toWorkCoach('public-task'))
        .thenBlocked('CONSENT_REQUIRED');
    });

    it('progress to a Jobcentre work coach happens with that consent in force', () => {
      const history = eventsOf(...accepted(), consentTo('share-with-jobcentre-work-coach', day(2)));
      expect(
        given(...history)
          .when(toWorkCoach('consent'))
          .events(),
      ).toMatchObject([{ type: 'DataShared', data: { consentRelied: { consentGivenVersion: 4 } } }]);
    });

    it('employer liaison consent does not reach the work coach', () => {
      given(...eventsOf(...accepted(), consentTo('employer-liaison', day(2))))
        .when(toWorkCoach('consent'))
        .thenBlocked('CONSENT_NOT_GIVEN');
    });
  });

  describe('onward referral', () => {
    it('with data on consent, shares under share-with-onward-service consent', () => {
      const history = eventsOf(...started(), consentTo('share-with-onward-service', day(11)));
      expect(
        given(...history)
          .when(commands.onwardReferral())
          .events()
          .map((e) => e.type),
      ).toEqual(['OnwardReferralMade', 'DataShared']);
    });

    it('with data on consent but without it, is blocked and not made', () => {
      given(...eventsOf(...started()))
        .when(commands.onwardReferral())
        .thenBlocked('CONSENT_NOT_GIVEN');
    });

    it("with data in someone's vital interests needs no consent", () => {
      const referral = commands.onwardReferral({ dataShared: { dataCategories: [], lawfulBasis: coded(LAWFUL_BASES, 'vital-interests') } });
      expect(
        given(...eventsOf(...started()))
          .when(referral)
          .events()
          .map((e) => e.type),
      ).toEqual(['OnwardReferralMade', 'DataShared']);
    });

    it('without data shares nothing', () => {
      const referral = commands.onwardReferral({ dataShared: null });
      given(...eventsOf(...started()))
        .when(referral)
        .then([{ type: 'OnwardReferralMade', data: referral.data }]);
    });

    it('is made once per id', () => {
      const history = eventsOf(...started(), commands.onwardReferral({ dataShared: null }));
      given(...history)
        .when(commands.onwardReferral({ dataShared: null, occurredAt: day(21) }))
        .then('ONWARD_REFERRAL_ALREADY_MADE');
    });
  });
});
