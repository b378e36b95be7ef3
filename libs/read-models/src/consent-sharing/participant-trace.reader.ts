import type { Pool } from 'pg';

export interface TraceEntry {
  /** When it happened (business time), or when the read took place. */
  readonly at: string;
  /** When it was recorded; differs from `at` for late entries. */
  readonly recordedAt: string;
  readonly kind: 'consent-given' | 'consent-withdrawn' | 'data-shared' | 'sharing-blocked' | 'personal-data-read' | 'erasure';
  /** The participant's stream version of the event behind it (absent for reads, which are not events). */
  readonly version: number | null;
  readonly position: number | null;
  readonly by: { readonly userId: string; readonly role: string; readonly site?: string | null };
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ParticipantTrace {
  readonly participantId: string;
  readonly siteId: string | null;
  readonly entries: readonly TraceEntry[];
  /** The read models' position the trace reflects. */
  readonly position: number;
}

const iso = (value: Date): string => value.toISOString();

/**
 * Everything an auditor asks about one participant, in business-time order: each consent given
 * or withdrawn, each sharing and blocked attempt with the consent it relied on and whether that
 * consent was active when it happened (as known now), each read of their personal data, and
 * their erasure. Nothing here holds personal data.
 */
export const participantTrace = async (pool: Pool, participantId: string): Promise<ParticipantTrace | undefined> => {
  const [site, consents, sharings, reads, erasures, position] = await Promise.all([
    pool.query('SELECT site_id FROM caseload WHERE participant_id = $1', [participantId]),
    pool.query('SELECT * FROM consent_timeline WHERE participant_id = $1', [participantId]),
    pool.query('SELECT * FROM sharing_decisions WHERE participant_id = $1', [participantId]),
    pool.query('SELECT * FROM personal_data_access_log WHERE participant_id = $1 ORDER BY id', [participantId]),
    pool.query('SELECT * FROM erasures WHERE participant_id = $1', [participantId]),
    pool.query(`SELECT coalesce(min(position), 0) AS position FROM projection_checkpoints WHERE state = 'live'`),
  ]);
  if (site.rowCount === 0 && consents.rowCount === 0 && sharings.rowCount === 0) return undefined;
  const entries: TraceEntry[] = [
    ...consents.rows.map((r) => ({
      at: iso(r.occurred_at),
      recordedAt: iso(r.recorded_at),
      kind: r.given ? ('consent-given' as const) : ('consent-withdrawn' as const),
      version: r.version,
      position: Number(r.position),
      by: { userId: r.recorded_by.userId, role: r.recorded_by.role, site: r.recorded_by.site },
      details: {
        scope: r.scope,
        method: r.method,
        evidenceReference: r.evidence_reference,
        expiresAt: r.expires_at ? iso(r.expires_at) : null,
        retracted: r.retracted,
      },
    })),
    ...sharings.rows.map((r) => ({
      at: iso(r.occurred_at),
      recordedAt: iso(r.recorded_at),
      kind: r.outcome === 'shared' ? ('data-shared' as const) : ('sharing-blocked' as const),
      version: r.version,
      position: Number(r.position),
      by: { userId: r.recorded_by.userId, role: r.recorded_by.role, site: r.recorded_by.site },
      details: {
        what: r.kind,
        recipient: { kind: r.recipient_kind, reference: r.recipient_reference },
        purpose: r.purpose,
        dataCategories: r.data_categories,
        lawfulBasis: r.lawful_basis,
        consentScope: r.consent_scope,
        consentReliedOnVersion: r.consent_version,
        consentActiveWhenItHappened: r.consent_active_at_occurrence,
        withdrawalRecordedLaterVersion: r.late_withdrawal_version,
        blockedBecause: r.blocked_reason,
        retracted: r.retracted,
      },
    })),
    ...reads.rows.map((r) => ({
      at: iso(r.accessed_at),
      recordedAt: iso(r.accessed_at),
      kind: 'personal-data-read' as const,
      version: null,
      position: null,
      by: { userId: r.user_id, role: r.role, site: r.user_site },
      details: { purpose: r.purpose, what: r.what, organisation: r.organisation, requestId: r.request_id },
    })),
    ...erasures.rows.map((r) => ({
      at: iso(r.occurred_at),
      recordedAt: iso(r.recorded_at),
      kind: 'erasure' as const,
      version: r.version,
      position: Number(r.position),
      by: { userId: r.recorded_by.userId, role: r.recorded_by.role, site: r.recorded_by.site },
      details: { reason: r.reason },
    })),
  ];
  entries.sort((a, b) => a.at.localeCompare(b.at) || (a.version ?? Number.MAX_SAFE_INTEGER) - (b.version ?? Number.MAX_SAFE_INTEGER));
  return { participantId, siteId: site.rows[0]?.site_id ?? null, entries, position: Number(position.rows[0].position) };
};
