import type { JourneyEvent } from '../src/journey/journey.events';
import { toMillis } from '../src/shared/iso-time.values';

interface Seen {
  readonly event: JourneyEvent;
  readonly version: number;
  readonly episode: number;
}

const CONSENT_ONLY: Readonly<Record<string, string>> = {
  employer: 'employer-liaison',
  'jobcentre-work-coach': 'share-with-jobcentre-work-coach',
};
const SCOPE_FOR: Readonly<Record<string, string>> = {
  ...CONSENT_ONLY,
  gp: 'share-with-gp',
  referrer: 'share-with-referrer',
  'onward-service': 'share-with-onward-service',
  evaluator: 'evaluation-data-linkage',
};

/**
 * The rules of domain.md, checked over a stream of stored events by a model written apart from
 * the decider: if the decider ever lets a broken journey through, this says which rule and where.
 */
export const invariantViolations = (events: readonly JourneyEvent[]): string[] => {
  const problems: string[] = [];
  const seen: Seen[] = [];
  const retracted = new Set<number>();
  let episode = 0;
  const live = (predicate: (s: Seen) => boolean) => seen.filter((s) => !retracted.has(s.version) && predicate(s));
  const inEpisode = (type: JourneyEvent['type']) => live((s) => s.episode === episode && s.event.type === type);
  const consentActive = (scope: string, at: number): number | null => {
    const relevant = live(
      (s) =>
        (s.event.type === 'ConsentGiven' || s.event.type === 'ConsentWithdrawn') &&
        s.event.data.scope.code === scope &&
        toMillis(s.event.data.occurredAt) <= at,
    );
    const latest = relevant
      .sort((a, b) => toMillis(a.event.data.occurredAt) - toMillis(b.event.data.occurredAt) || a.version - b.version)
      .at(-1);
    if (latest === undefined || latest.event.type !== 'ConsentGiven') return null;
    const expiresAt = latest.event.data.expiresAt;
    return expiresAt && toMillis(expiresAt) <= at ? null : latest.version;
  };

  events.forEach((event, index) => {
    const version = index + 1;
    const at = toMillis(event.data.occurredAt);
    const fail = (rule: string) => problems.push(`v${version} ${event.type}: ${rule}`);
    if (index === 0 && event.type !== 'ParticipantReferred') fail('the stream starts with something other than a referral');
    if (seen.some((s) => s.event.type === 'ParticipantErased')) fail('recorded after erasure');
    const firstReferral = seen.find((s) => s.event.type === 'ParticipantReferred');
    if (firstReferral && at < toMillis(firstReferral.event.data.occurredAt)) fail('dated before the referral');

    switch (event.type) {
      case 'ParticipantReferred':
        episode += 1;
        break;
      case 'ReferralTriaged':
        if (inEpisode('ReferralTriaged').length > 0) fail('triaged twice');
        break;
      case 'AssessmentCompleted': {
        const triage = inEpisode('ReferralTriaged').at(-1);
        if (triage?.event.type !== 'ReferralTriaged' || triage.event.data.decision.code !== 'accepted')
          fail('assessed without an accepted triage');
        if (consentActive('programme-participation', at) === null) fail('assessed without programme consent in force');
        break;
      }
      case 'ActionPlanAgreed':
        if (inEpisode('AssessmentCompleted').length === 0) fail('plan without an assessment');
        break;
      case 'OutcomeRecorded': {
        const started = inEpisode('ActionPlanAgreed').some((s) => toMillis(s.event.data.occurredAt) <= at);
        const discharged = inEpisode('ParticipantDischarged').some((s) => toMillis(s.event.data.occurredAt) <= at);
        if (!started && !discharged) fail('outcome before any start or discharge');
        const checkpoint = event.data.checkpoint.code;
        const lastReEngaged = Math.max(0, ...inEpisode('ParticipantReEngaged').map((s) => s.version));
        const same = inEpisode('OutcomeRecorded').filter(
          (s) =>
            s.event.type === 'OutcomeRecorded' &&
            s.event.data.checkpoint.code === checkpoint &&
            (checkpoint !== 'discharge' || s.version > lastReEngaged),
        );
        if (checkpoint !== 'other' && same.length > 0) fail(`second ${checkpoint} outcome`);
        break;
      }
      case 'DataShared': {
        const scope = SCOPE_FOR[event.data.recipient.kind.code];
        const needsConsent = event.data.lawfulBasis.code === 'consent' || CONSENT_ONLY[event.data.recipient.kind.code] !== undefined;
        if (needsConsent && (scope === undefined || consentActive(scope, at) === null))
          fail(`shared with ${event.data.recipient.kind.code} without ${scope} consent in force`);
        if (needsConsent && event.data.consentRelied?.consentGivenVersion !== consentActive(scope, at)) fail('names the wrong consent');
        break;
      }
      case 'EmployerLiaisonRecorded': {
        const next = events[index + 1];
        if (next?.type !== 'DataShared' || next.data.recipient.kind.code !== 'employer') fail('liaison without its sharing record');
        break;
      }
      case 'DataSharingBlocked': {
        const scope = event.data.attempted.consentScope?.code;
        if (event.data.reasonCode !== 'CONSENT_REQUIRED' && scope !== undefined && consentActive(scope, at) !== null)
          fail('blocked although consent was in force');
        break;
      }
      case 'EventCorrected': {
        const target = seen[event.data.correctedVersion - 1];
        if (target === undefined || target.event.type !== event.data.correctedType) fail('corrects an event that is not there');
        else if (
          ['ParticipantReferred', 'EventCorrected', 'ParticipantErased', 'DataShared', 'DataSharingBlocked'].includes(target.event.type)
        )
          fail('corrects the uncorrectable');
        else if (retracted.has(target.version)) fail('corrects twice');
        retracted.add(event.data.correctedVersion);
        break;
      }
      default:
        break;
    }
    seen.push({ event, version, episode });
  });
  return problems;
};
