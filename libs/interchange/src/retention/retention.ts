import { randomUUID } from 'node:crypto';
import { JourneyCommandRunner } from '@workwell/commands';
import {
  coded,
  ERASURE_REASONS,
  isJourneyRuleBroken,
  isParticipantStreamId,
  participantKeyId,
  PARTICIPANT_STREAM_PREFIX,
  type Actor,
} from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import type { RetentionRule } from './retention-rule';

export const RETENTION_REASON = 'retention-period-ended';

export interface DueParticipant {
  readonly participantId: string;
  readonly siteId: string;
  /** The latest business time of any of their events. */
  readonly lastEventAt: string;
  readonly retentionYears: number;
  /** When their retention period ended. */
  readonly dueSince: string;
}

const yearsAfter = (instant: string, years: number): string => {
  const date = new Date(instant);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
};

/**
 * Participants whose retention period has ended by `now`: their site's number of years after
 * their last event (its business time), not yet erased. Read from the event store, one
 * participant at a time; the site is that of their current episode.
 */
export const participantsDue = async (
  store: EventStore,
  rule: RetentionRule,
  now: Date,
  options: { readonly siteId?: string; readonly onProgress?: (participants: number) => void } = {},
): Promise<DueParticipant[]> => {
  const due: DueParticipant[] = [];
  let participants = 0;
  for await (const stream of store.streams({ prefix: PARTICIPANT_STREAM_PREFIX, dataOf: ['ParticipantReferred'], eventIds: false })) {
    if (!isParticipantStreamId(stream.streamId)) continue;
    participants += 1;
    if (participants % 10_000 === 0) options.onProgress?.(participants);
    if (stream.events.some((event) => event.type === 'ParticipantErased')) continue;
    const referral = stream.events.findLast((event) => event.type === 'ParticipantReferred');
    const siteId = (referral?.data as { siteId?: string } | null)?.siteId;
    if (siteId === undefined || (options.siteId !== undefined && siteId !== options.siteId)) continue;
    const lastEventAt = stream.events
      .map((event) => String(event.metadata.occurredAt ?? event.recordedAt))
      .reduce((latest, at) => (Date.parse(at) > Date.parse(latest) ? at : latest));
    const retentionYears = rule.retentionYearsFor(siteId);
    const dueSince = yearsAfter(lastEventAt, retentionYears);
    if (Date.parse(dueSince) <= now.getTime())
      due.push({ participantId: stream.streamId.slice(PARTICIPANT_STREAM_PREFIX.length), siteId, lastEventAt, retentionYears, dueSince });
  }
  options.onProgress?.(participants);
  return due;
};

export interface RetentionResult {
  readonly erased: number;
  /** Erased meanwhile by someone else. */
  readonly alreadyErased: number;
}

/**
 * Erases each participant through the normal erasure: `EraseParticipant` through the command
 * runner (reason retention-period-ended), then their data key destroyed. Their dates and codes
 * stay, so the evaluation figures do not change.
 */
export const applyRetention = async (
  store: EventStore,
  keyStore: KeyStore,
  due: readonly DueParticipant[],
  options: { readonly requestedBy: Actor; readonly now: Date; readonly onProgress?: (done: number) => void },
): Promise<RetentionResult> => {
  const runner = new JourneyCommandRunner(store, keyStore);
  const occurredAt = options.now.toISOString();
  let erased = 0;
  let alreadyErased = 0;
  for (const participant of due) {
    try {
      await runner.run({
        type: 'EraseParticipant',
        context: { participantId: participant.participantId, actor: options.requestedBy, now: occurredAt, correlationId: randomUUID() },
        data: () => ({ occurredAt, reasonCode: coded(ERASURE_REASONS, RETENTION_REASON) }),
      });
      erased += 1;
    } catch (error) {
      if (!isJourneyRuleBroken(error) || error.code !== 'PARTICIPANT_ERASED') throw error;
      alreadyErased += 1;
    }
    await keyStore.destroyKey(participantKeyId(participant.participantId), RETENTION_REASON);
    options.onProgress?.(erased + alreadyErased);
  }
  return { erased, alreadyErased };
};
