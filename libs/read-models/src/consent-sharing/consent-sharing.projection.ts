import {
  CONSENT_SCOPE_FOR_RECIPIENT,
  consentStatusAt,
  type ConsentRelied,
  type RecordedJourneyEvent,
  type RecipientKind,
} from '@workwell/domain';
import type { ParticipantHistory, Projection } from '../projection';
import { appendEventRows, eventRows } from '../rows/append-rows';
import { rewriteParticipants, touchedHistories } from '../rows/rewrite';

const consentColumns = {
  participant_id: 'uuid',
  version: 'int',
  scope: 'text',
  given: 'boolean',
  method: 'text',
  occurred_at: 'timestamptz',
  recorded_at: 'timestamptz',
  recorded_by: 'jsonb',
  evidence_reference: 'text',
  expires_at: 'timestamptz',
  retracted: 'boolean',
  position: 'bigint',
};

const sharingColumns = {
  participant_id: 'uuid',
  version: 'int',
  kind: 'text',
  outcome: 'text',
  recipient_kind: 'text',
  recipient_reference: 'text',
  purpose: 'text',
  data_categories: 'jsonb',
  lawful_basis: 'text',
  consent_scope: 'text',
  consent_version: 'int',
  consent_active_at_occurrence: 'boolean',
  late_withdrawal_version: 'int',
  blocked_reason: 'text',
  occurred_at: 'timestamptz',
  recorded_at: 'timestamptz',
  recorded_by: 'jsonb',
  retracted: 'boolean',
  position: 'bigint',
};

const erasureColumns = {
  participant_id: 'uuid',
  version: 'int',
  reason: 'text',
  occurred_at: 'timestamptz',
  recorded_at: 'timestamptz',
  recorded_by: 'jsonb',
  position: 'bigint',
};

const ms = (iso: string) => Date.parse(iso);

/** Who erased the participant's personal data, when and why: the key itself is gone, the decision stays. */
export const erasureRow = (history: ParticipantHistory, event: RecordedJourneyEvent) =>
  event.type === 'ParticipantErased'
    ? {
        participant_id: history.participantId,
        version: event.version,
        reason: event.data.reasonCode.code,
        occurred_at: event.data.occurredAt,
        recorded_at: event.recordedAt,
        recorded_by: event.metadata.actor,
        position: event.position,
      }
    : undefined;

export const consentRow = (history: ParticipantHistory, event: RecordedJourneyEvent) =>
  event.type === 'ConsentGiven' || event.type === 'ConsentWithdrawn'
    ? {
        participant_id: history.participantId,
        version: event.version,
        scope: event.data.scope.code,
        given: event.type === 'ConsentGiven',
        method: event.data.method.code,
        occurred_at: event.data.occurredAt,
        recorded_at: event.recordedAt,
        recorded_by: event.metadata.actor,
        evidence_reference: event.type === 'ConsentGiven' ? (event.data.evidenceReference ?? null) : null,
        expires_at: event.type === 'ConsentGiven' ? (event.data.expiresAt ?? null) : null,
        retracted: history.journey.retracted.includes(event.version),
        position: event.position,
      }
    : undefined;

interface SharingFacts {
  kind: string;
  outcome: 'shared' | 'blocked';
  recipientKind: RecipientKind;
  recipientReference: string;
  purpose: string | null;
  dataCategories: string[];
  lawfulBasis: string;
  consentScope: string | null;
  consentRelied: ConsentRelied | null;
  blockedReason: string | null;
}

const sharingFactsOf = (event: RecordedJourneyEvent): SharingFacts | null => {
  switch (event.type) {
    case 'DataShared':
      return {
        kind: event.data.purpose.code,
        outcome: 'shared',
        recipientKind: event.data.recipient.kind.code,
        recipientReference: event.data.recipient.reference,
        purpose: event.data.purpose.code,
        dataCategories: event.data.dataCategories.map((c) => c.code),
        lawfulBasis: event.data.lawfulBasis.code,
        consentScope:
          event.data.consentRelied?.scope.code ??
          (event.data.lawfulBasis.code === 'consent' ? CONSENT_SCOPE_FOR_RECIPIENT[event.data.recipient.kind.code] : null),
        consentRelied: event.data.consentRelied,
        blockedReason: null,
      };
    case 'DataSharingBlocked': {
      const attempt = event.data.attempted;
      return {
        kind: attempt.purpose.code,
        outcome: 'blocked',
        recipientKind: attempt.recipient.kind.code,
        recipientReference: attempt.recipient.reference,
        purpose: attempt.purpose.code,
        dataCategories: attempt.dataCategories.map((c) => c.code),
        lawfulBasis: attempt.lawfulBasis.code,
        consentScope: attempt.consentScope?.code ?? null,
        consentRelied: null,
        blockedReason: event.data.reasonCode,
      };
    }
    default:
      return null;
  }
};

/**
 * Every sharing (the domain records each one, employer liaison and onward referral included, as
 * `DataShared`) and every blocked attempt, judged against every consent known now: a withdrawal
 * that happened before a sharing but was recorded after it is named on the sharing's row.
 */
export const sharingRows = (history: ParticipantHistory) =>
  history.events.flatMap((event) => {
    const facts = sharingFactsOf(event);
    if (facts === null) return [];
    const at = ms(event.data.occurredAt);
    const status = facts.consentScope ? consentStatusAt(history.journey.consents, facts.consentScope, at) : null;
    const lateWithdrawal =
      facts.outcome === 'shared' && facts.consentScope
        ? history.events.find(
            (e) =>
              e.type === 'ConsentWithdrawn' &&
              e.data.scope.code === facts.consentScope &&
              ms(e.data.occurredAt) <= at &&
              ms(e.recordedAt) > ms(event.recordedAt),
          )
        : undefined;
    return [
      {
        participant_id: history.participantId,
        version: event.version,
        kind: facts.kind,
        outcome: facts.outcome,
        recipient_kind: facts.recipientKind,
        recipient_reference: facts.recipientReference,
        purpose: facts.purpose,
        data_categories: facts.dataCategories,
        lawful_basis: facts.lawfulBasis,
        consent_scope: facts.consentScope,
        consent_version: facts.consentRelied?.consentGivenVersion ?? (status?.active ? status.givenVersion : null),
        consent_active_at_occurrence: status === null ? null : status.active,
        late_withdrawal_version: lateWithdrawal?.version ?? null,
        blocked_reason: facts.blockedReason,
        occurred_at: event.data.occurredAt,
        recorded_at: event.recordedAt,
        recorded_by: event.metadata.actor,
        retracted: history.journey.retracted.includes(event.version),
        position: event.position,
      },
    ];
  });

export const consentSharingProjection: Projection = {
  name: 'consent-sharing',
  // v2: erasures, which the auditors' trace read from the timeline copy of every event before.
  version: 2,
  handles: ['ConsentGiven', 'ConsentWithdrawn', 'DataShared', 'DataSharingBlocked', 'EventCorrected', 'ParticipantErased'],
  dataOf: ['ConsentGiven', 'ConsentWithdrawn', 'DataShared', 'DataSharingBlocked', 'ParticipantErased'],
  actorOf: ['ConsentGiven', 'ConsentWithdrawn', 'DataShared', 'DataSharingBlocked', 'ParticipantErased'],
  tables: ['consent_timeline', 'sharing_decisions', 'erasures'],
  schema: (t) => `
    CREATE TABLE ${t('consent_timeline')} (
      participant_id uuid NOT NULL, version int NOT NULL, scope text NOT NULL, given boolean NOT NULL, method text NOT NULL,
      occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL, recorded_by jsonb NOT NULL, evidence_reference text,
      expires_at timestamptz, retracted boolean NOT NULL, position bigint NOT NULL
    );
    CREATE TABLE ${t('sharing_decisions')} (
      participant_id uuid NOT NULL, version int NOT NULL, kind text NOT NULL, outcome text NOT NULL,
      recipient_kind text NOT NULL, recipient_reference text NOT NULL, purpose text, data_categories jsonb NOT NULL,
      lawful_basis text NOT NULL, consent_scope text, consent_version int, consent_active_at_occurrence boolean,
      late_withdrawal_version int, blocked_reason text, occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
      recorded_by jsonb NOT NULL, retracted boolean NOT NULL, position bigint NOT NULL
    );
    CREATE TABLE ${t('erasures')} (
      participant_id uuid NOT NULL, version int NOT NULL, reason text NOT NULL, occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL, recorded_by jsonb NOT NULL, position bigint NOT NULL
    );`,
  indexes: (t) => `
    ALTER TABLE ${t('consent_timeline')} ADD PRIMARY KEY (participant_id, version);
    ALTER TABLE ${t('sharing_decisions')} ADD PRIMARY KEY (participant_id, version);
    CREATE INDEX ON ${t('sharing_decisions')} (late_withdrawal_version) WHERE late_withdrawal_version IS NOT NULL;
    ALTER TABLE ${t('erasures')} ADD PRIMARY KEY (participant_id, version);`,
  apply: (batch, t) => [
    ...appendEventRows(batch, t('consent_timeline'), consentColumns, consentRow),
    ...rewriteParticipants(t('sharing_decisions'), sharingColumns, ['participant_id', 'version'], touchedHistories(batch), sharingRows),
    ...appendEventRows(batch, t('erasures'), erasureColumns, erasureRow),
  ],
  bulk: {
    columns: { consent_timeline: consentColumns, sharing_decisions: sharingColumns, erasures: erasureColumns },
    rowsOf: (history) => ({
      consent_timeline: eventRows(history, consentRow),
      sharing_decisions: sharingRows(history),
      erasures: eventRows(history, erasureRow),
    }),
  },
};
