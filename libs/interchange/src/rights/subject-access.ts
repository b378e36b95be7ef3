import type { Pool } from 'pg';
import type { Principal } from '@workwell/auth';
import {
  evolve,
  initialState,
  isJourneyEventType,
  participantStreamId,
  toRecordedJourneyEvent,
  type Actor,
  type RecordedJourneyEvent,
} from '@workwell/domain';
import { readWholeStream, type EventStore } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import { logPersonalDataRead, participantRows, participantTrace, type ParticipantTrace } from '@workwell/read-models';
import { exportSharings, type RecordedExportSharing } from '../export/export-sharings';
import { openEventData } from '../format/personal-fields';

export interface SubjectAccessEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: Actor;
  /** A later correction withdrew it; it stays in the record. */
  readonly retracted: boolean;
  /** Where an imported fact came from. */
  readonly importedFrom: unknown;
  /** Personal fields opened, or `{ "erased": true }`. */
  readonly data: unknown;
}

export interface SubjectAccessReport {
  readonly participantId: string;
  readonly generatedAt: string;
  readonly requestedBy: { readonly userId: string; readonly role: string; readonly organisation: string };
  readonly siteId: string | null;
  /** When their personal data was erased, or null. */
  readonly erasure: { readonly erasedAt: string; readonly recordedAt: string; readonly reason: string } | null;
  /** In words, for the person: what is held, or that it was erased and what remains. */
  readonly statement: string;
  readonly events: readonly SubjectAccessEvent[];
  /** The read models' rows about them (the caseload's personal details opened). */
  readonly readModels: Omit<Awaited<ReturnType<typeof participantRows>>, 'accessLog'>;
  /** Every consent and sharing decision, blocked attempt, read and erasure, in time order. */
  readonly consentAndSharing: ParticipantTrace | null;
  /** Who read their personal data, when and why: this request among them. */
  readonly reads: readonly {
    readonly at: string;
    readonly userId: string;
    readonly role: string;
    readonly organisation: string;
    readonly purpose: string;
    readonly what: string;
  }[];
  /** Exports of their record to another system or to them. */
  readonly exports: readonly RecordedExportSharing[];
}

export interface SubjectAccessSources {
  readonly store: EventStore;
  readonly keyStore: KeyStore;
  readonly pool: Pool;
}

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

const statementOf = (erasure: SubjectAccessReport['erasure'], events: number): string =>
  erasure === null
    ? `This is everything the WorkWell service holds about you: ${events} recorded facts of your journey, what was worked out from them, every consent and sharing decision, and everyone who read your personal details.`
    : `Your personal data was erased on ${erasure.erasedAt.slice(0, 10)} (recorded ${erasure.recordedAt}; reason: ${erasure.reason}). ` +
      'Your name, date of birth, NHS number, contact details and notes can no longer be read by anyone: they show as erased below. ' +
      'What remains are dates, codes and categories (for example your referral route and outcomes), which keep the service evaluation whole and do not name you.';

/**
 * Everything held about one person, for a subject access request: every event of their stream
 * with personal fields opened (or shown as erased), their read-model rows, their consent and
 * sharing trace, who read their data, and exports of their record. The request is itself written
 * to the access log first, so the answer lists it. Nothing of anyone else is read. Undefined when
 * there is no such participant.
 */
export const subjectAccess = async (
  sources: SubjectAccessSources,
  participantId: string,
  request: { readonly principal: Principal; readonly requestId: string; readonly now: Date; readonly purpose?: string },
): Promise<SubjectAccessReport | undefined> => {
  const stored = await readWholeStream(sources.store, participantStreamId(participantId));
  const recorded = stored.filter((event) => isJourneyEventType(event.type)).map(toRecordedJourneyEvent);
  if (recorded.length === 0) return undefined;
  const journey = recorded.reduce(evolve, initialState());
  const siteId = journey.episode?.siteId ?? null;
  await logPersonalDataRead(
    sources.pool,
    request.principal,
    { participantId, participantSite: siteId ?? undefined, purpose: request.purpose ?? 'subject access request', what: 'subject access' },
    request.requestId,
  );
  const erased = recorded.find(
    (event): event is RecordedJourneyEvent<Extract<RecordedJourneyEvent, { type: 'ParticipantErased' }>> =>
      event.type === 'ParticipantErased',
  );
  const erasure = erased ? { erasedAt: erased.data.occurredAt, recordedAt: erased.recordedAt, reason: erased.data.reasonCode.code } : null;
  const events = await Promise.all(
    recorded.map(async (event) => ({
      version: event.version,
      type: event.type,
      occurredAt: event.data.occurredAt,
      recordedAt: event.recordedAt,
      recordedBy: event.metadata.actor,
      retracted: journey.retracted.includes(event.version),
      importedFrom: (event.metadata as { importedFrom?: unknown }).importedFrom ?? null,
      data: await openEventData(sources.keyStore, event.type, event.data),
    })),
  );
  const { accessLog, ...readModels } = await participantRows(sources.pool, participantId);
  const caseload = readModels.caseload && {
    ...readModels.caseload,
    personal_details: readModels.caseload.personal_details
      ? await openEventData(sources.keyStore, 'ParticipantReferred', { personalDetails: readModels.caseload.personal_details }).then(
          (d) => d.personalDetails,
        )
      : null,
  };
  const firstPosition = recorded[0].position;
  const exports = (await exportSharings(sources.store)).filter(
    (sharing) =>
      sharing.participantId === participantId ||
      (sharing.participantId === null && sharing.siteId === siteId && sharing.lastPosition >= firstPosition),
  );
  return {
    participantId,
    generatedAt: request.now.toISOString(),
    requestedBy: { userId: request.principal.userId, role: request.principal.role, organisation: request.principal.organisation },
    siteId,
    erasure,
    statement: statementOf(erasure, events.length),
    events,
    readModels: { ...readModels, caseload },
    consentAndSharing: (await participantTrace(sources.pool, participantId)) ?? null,
    reads: accessLog.map((row) => ({
      at: iso(row.accessed_at),
      userId: String(row.user_id),
      role: String(row.role),
      organisation: String(row.organisation),
      purpose: String(row.purpose),
      what: String(row.what),
    })),
    exports,
  };
};
